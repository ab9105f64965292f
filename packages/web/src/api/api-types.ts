/** The shapes of the API answers the app reads (see /api/docs/json for the full schemas). */
import type { DeidentificationSettings } from '../privacy/privacy-types.js';

export type Role = 'owner' | 'manager' | 'annotator' | 'reviewer' | 'viewer';

export interface User {
  readonly id: string;
  readonly username: string;
  readonly isAdmin: boolean;
}

export interface SessionInfo {
  readonly user: User;
  readonly csrfToken: string | null;
}

export interface ProjectSummary {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly role: Role;
  readonly createdAt: string;
  readonly imageCount: number;
}

export interface Label {
  readonly id: string;
  readonly name: string;
  readonly type: string;
  readonly colour: string;
  readonly guideline: string;
  readonly sortOrder: number;
  /** What a classification label asks: its kind and options; null for every other type. */
  readonly classification: LabelClassification | null;
  /** Guideline example images, oldest first; the bytes are at …/labels/:labelId/examples/:exampleId. */
  readonly examples: readonly LabelExample[];
}

export interface LabelClassification {
  readonly kind: 'single' | 'multiple' | 'text';
  /** 1–100 with distinct ids for single and multiple; none for text. */
  readonly options: readonly { readonly id: string; readonly name: string }[];
}

export interface LabelExample {
  readonly id: string;
  readonly caption: string;
  readonly mediaType: 'image/png' | 'image/jpeg';
  readonly width: number;
  readonly height: number;
}

/** How readers are given items: in turn, or to whoever has the fewest open tasks (the server's assign-readers.ts). */
export type AssignmentStrategy = 'round-robin' | 'least-loaded';

/** How the readers' masks of a label become one: STAPLE (Warfield 2004) or per-voxel majority vote. */
export type MaskConsensusMethod = 'staple' | 'majority-vote';

/** The agreement a label type's metric must reach: fractions 0–1, except distanceMm (mm, lower is better). */
export interface AgreementDefaults {
  readonly dice: number;
  readonly f1: number;
  readonly distanceMm: number;
  readonly labelAgreement: number;
}

/** settings.quality of a project (the server's qualitySettingsSchema in project-settings.ts). */
export interface QualitySettings {
  readonly defaults: AgreementDefaults;
  /** A label's own threshold, by label id, in its metric's unit; overrides the default. */
  readonly thresholds: Readonly<Record<string, number>>;
  readonly maskConsensus: MaskConsensusMethod;
}

/** A project's workflow settings as GET /api/projects/:id answers them (every field defaulted). */
export interface ProjectSettings {
  readonly reading: 'blind' | 'open';
  readonly readersPerItem: number;
  readonly assignment: AssignmentStrategy;
  /** How images are de-identified on import (when requireDeidentification is set). */
  readonly deidentification: DeidentificationSettings;
  /** Agreement thresholds and the mask consensus method of multi-reader work (issue 6). */
  readonly quality: QualitySettings;
  /** The license and citation every export's dataset card names (issue 7). */
  readonly dataset?: DatasetTerms;
}

/** settings.dataset of a project: each absent until someone states it. */
export interface DatasetTerms {
  readonly license?: { readonly name: string; readonly url?: string };
  readonly citation?: string;
}

export interface Project extends ProjectSummary {
  readonly labels: readonly Label[];
  readonly memberCount: number;
  readonly settings: ProjectSettings;
  /** Whether every image is de-identified on import (PS3.15 Basic Profile with the settings' options). */
  readonly requireDeidentification: boolean;
}

export interface Series {
  readonly id: string;
  readonly seriesInstanceUid: string;
  readonly modality: string | null;
  readonly description: string | null;
  readonly imageCount: number;
}

export interface Study {
  readonly id: string;
  readonly studyInstanceUid: string;
  readonly subject: string;
  readonly studyDate: string | null;
  readonly description: string | null;
  readonly series: readonly Series[];
}

export interface ImageRecord {
  readonly id: string;
  readonly format: 'dicom' | 'nifti' | 'png' | 'jpeg' | string;
  readonly seriesId: string | null;
  readonly sopInstanceUid: string | null;
  readonly modality: string | null;
  readonly createdAt: string;
}

export interface ImagePage {
  readonly images: readonly ImageRecord[];
  readonly total: number;
}
