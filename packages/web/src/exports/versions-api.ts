/**
 * The dataset version and export routes of issue 7 (docs/export.md): the shapes they answer with, and
 * their paths. Requests go through the app's ApiClient, which adds the session cookie and CSRF header.
 */

export const VERSION_SOURCES = ['consensus', 'approved', 'all'] as const;
export type VersionSource = (typeof VERSION_SOURCES)[number];

export const SOURCE_TITLES: Readonly<Record<VersionSource, string>> = {
  consensus: 'Accepted consensus',
  approved: 'Approved annotations',
  all: 'All annotations',
};

export type SplitName = 'train' | 'validation' | 'test';

export interface VersionCounts {
  readonly cases?: number;
  readonly subjects?: number;
  readonly labels?: number;
  readonly annotations?: number;
  readonly splits?: Partial<Record<SplitName, number>>;
}

export interface DatasetVersion {
  readonly id: string;
  readonly projectId: string;
  readonly name: string;
  readonly note: string;
  readonly source: VersionSource;
  readonly contentHash: string;
  readonly counts: VersionCounts;
  readonly createdBy: string | null;
  readonly createdAt: string;
}

export interface IdChanges {
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly changed: readonly string[];
}

export interface VersionDiff {
  readonly from: string;
  readonly to: string;
  readonly cases: IdChanges;
  readonly labels: IdChanges;
  readonly annotations: IdChanges;
  readonly movedBetweenSplits: readonly { readonly id: string; readonly from: string; readonly to: string }[];
}

export interface ExportFormatInfo {
  readonly id: string;
  readonly title: string;
}

export type ExportState = 'queued' | 'running' | 'done' | 'failed';

export interface ExportJob {
  readonly id: string;
  readonly state: ExportState;
  readonly format: string;
  readonly formatTitle: string;
  readonly versionId: string;
  readonly versionName: string | null;
  readonly progress: { readonly done: number; readonly total: number | null };
  readonly createdBy: string | null;
  readonly createdAt: string;
  readonly finishedAt: string | null;
  readonly error: string | null;
  readonly result: {
    readonly fileName: string;
    readonly size: number;
    readonly summary: {
      readonly cases: number;
      readonly files: number;
      readonly skipped: readonly unknown[];
    };
  } | null;
}

const e = encodeURIComponent;
const project = (projectId: string) => `/api/projects/${e(projectId)}`;

export const versionPaths = {
  project,
  versions: (projectId: string) => `${project(projectId)}/versions`,
  diff: (projectId: string, from: string, to: string) =>
    `${project(projectId)}/versions/${e(from)}/diff/${e(to)}`,
  startExport: (projectId: string, versionId: string) =>
    `${project(projectId)}/versions/${e(versionId)}/exports`,
  exports: (projectId: string) => `${project(projectId)}/exports`,
  exportEvents: (projectId: string, jobId: string) => `${project(projectId)}/exports/${e(jobId)}/events`,
  archive: (projectId: string, jobId: string) => `${project(projectId)}/exports/${e(jobId)}/archive`,
  formats: '/api/export-formats',
} as const;
