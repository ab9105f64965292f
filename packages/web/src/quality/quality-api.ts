import type { AnnotationPayload } from '@voxelhub/core/annotation';
import type { ApiClient } from '../api/api-client.js';

/**
 * The quality API of issue 6 (/work/quality-api.md): the shapes its routes answer with, and a small client
 * over the app's ApiClient (which adds the session cookie and the CSRF header, and throws ApiRequestError).
 */
export type ItemStatus = 'reading' | 'computing' | 'agreed' | 'disputed' | 'resolved' | 'sent_back';

export type AgreementMetric = 'dice' | 'f1' | 'distanceMm' | 'labelAgreement';

export interface Reader {
  readonly userId: string;
  readonly displayName: string;
  readonly taskId: string;
  readonly taskStatus: 'todo' | 'in_progress' | 'done' | 'skipped';
}

export interface ReaderPair {
  readonly a: string;
  readonly b: string;
  readonly value: number | null;
  /** e.g. { hd95, assd, iou }. */
  readonly details?: Readonly<Record<string, number | null>>;
}

export interface LabelAgreement {
  readonly labelId: string;
  readonly labelName: string;
  readonly labelType: string;
  readonly metric: AgreementMetric;
  /** False only for distanceMm. */
  readonly higherIsBetter: boolean;
  /** Mean over reader pairs; null when not measurable. */
  readonly value: number | null;
  readonly threshold: number;
  readonly passed: boolean;
  readonly pairs: readonly ReaderPair[];
  readonly perReader: readonly { readonly userId: string; readonly value: number | null }[];
  /** Why the value is missing or the label failed to measure ("no reader drew this label"). */
  readonly note?: string;
  /** '#rrggbb', the label's colour in the project's schema. */
  readonly labelColour?: string;
}

/** The stored formats an item's image may have (null for a series item). */
export type ItemFormat = 'dicom' | 'nifti' | 'png' | 'jpeg';

export interface QualityItem {
  readonly id: string;
  readonly imageId: string | null;
  readonly seriesId: string | null;
  readonly studyUid: string | null;
  readonly seriesUid: string | null;
  readonly status: ItemStatus;
  readonly readers: readonly Reader[];
  readonly agreement: readonly LabelAgreement[] | null;
  /** Why agreement could not be computed, when it could not. */
  readonly error: string | null;
  /** The image's stored format; null for a series item (or a format the server does not name). */
  readonly format: ItemFormat | string | null;
  /** The image's voxel grid [columns, rows, slices] as imported; null when unknown or a series item. */
  readonly dims: readonly [number, number, number] | null;
  readonly computedAt: string | null;
  /** Lowest threshold-normalised score (1 = exactly at threshold); for sorting. */
  readonly worst: number | null;
  readonly consensusId: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export type ConsensusLabelMethod =
  | 'majority-vote'
  | 'staple'
  | 'weighted-box-fusion'
  | 'mean-position'
  | 'majority-label'
  | 'reader-accepted'
  | 'reviewer-edited';

export interface StapleReader {
  readonly userId: string;
  readonly sensitivity: number;
  readonly specificity: number;
}

export interface ConsensusLabel {
  readonly labelId: string;
  readonly method: ConsensusLabelMethod;
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly annotationIds: readonly string[];
  readonly readers?: readonly StapleReader[];
  readonly needsAdjudication?: boolean;
}

export interface ConsensusSet {
  readonly id: string;
  readonly itemId: string;
  readonly status: 'proposed' | 'accepted';
  readonly method: string;
  readonly labels: readonly ConsensusLabel[];
  readonly inputs: readonly {
    readonly annotationId: string;
    readonly revision: number;
    readonly readerId: string;
  }[];
  readonly createdBy: string | null;
  readonly createdAt: string;
  readonly acceptedBy: string | null;
  readonly acceptedAt: string | null;
}

/** An annotation as the annotation routes return it (only what the review screen reads). */
export interface AnnotationOutput {
  readonly id: string;
  readonly labelId: string;
  readonly createdBy: string;
  readonly headRevision: number;
  readonly payload: AnnotationPayload;
}

export interface ItemDetail {
  readonly item: QualityItem;
  readonly annotations: readonly {
    readonly readerId: string;
    readonly annotations: readonly AnnotationOutput[];
  }[];
  readonly consensus: ConsensusSet | null;
  readonly consensusAnnotations: readonly AnnotationOutput[];
  /** For each mask label, the slices each source (a reader's userId, or 'consensus') marked. */
  readonly maskSlices: readonly MaskSlices[];
}

export interface MaskSlices {
  readonly labelId: string;
  /** A reader's userId or 'consensus'. */
  readonly source: string;
  /** Ascending z indices of the item's voxel grid. */
  readonly slices: readonly number[];
}

export interface PerLabelQuality {
  readonly labelId: string;
  readonly labelName: string;
  readonly labelType: string;
  readonly metric: string;
  readonly higherIsBetter: boolean;
  readonly mean: number | null;
  readonly median: number | null;
  readonly n: number;
  readonly threshold: number;
  readonly belowThreshold: number;
  readonly fleissKappa?: number | null;
  readonly krippendorffAlpha?: {
    readonly estimate: number | null;
    readonly lower: number | null;
    readonly upper: number | null;
  };
}

export interface AnnotatorQuality {
  readonly userId: string;
  readonly displayName: string;
  readonly itemsDone: number;
  readonly itemsAssigned: number;
  readonly meanAgreement: number | null;
  readonly perLabel: readonly {
    readonly labelId: string;
    readonly value: number | null;
    readonly n: number;
  }[];
  readonly medianMinutesPerItem: number | null;
  readonly throughputPerDay: readonly { readonly date: string; readonly done: number }[];
}

export interface QualitySummary {
  readonly items: number;
  readonly reading: number;
  readonly computing: number;
  readonly agreed: number;
  readonly disputed: number;
  readonly resolved: number;
  readonly sentBack: number;
}

export interface QualityReport {
  readonly summary: QualitySummary;
  readonly perLabel: readonly PerLabelQuality[];
  readonly perAnnotator: readonly AnnotatorQuality[];
  readonly overTime: readonly {
    readonly date: string;
    readonly items: number;
    readonly meanAgreement: number | null;
  }[];
  readonly worstItems: readonly QualityItem[];
}

export type Decision =
  | { readonly action: 'accept-reader'; readonly readerId: string; readonly comment?: string }
  | { readonly action: 'accept-consensus'; readonly comment?: string }
  | { readonly action: 'send-back'; readonly comment: string; readonly readerIds?: readonly string[] };

export interface DecisionResult {
  readonly item: QualityItem;
  readonly consensus: ConsensusSet | null;
}

/** `/api/projects/:projectId`, where every quality route lives. */
export function projectApiBase(projectId: string): string {
  return `/api/projects/${encodeURIComponent(projectId)}`;
}

export function qualityReportPath(projectId: string): string {
  return `${projectApiBase(projectId)}/quality`;
}

export function itemListPath(
  projectId: string,
  query: { readonly status?: ItemStatus; readonly limit?: number; readonly offset?: number } = {},
): string {
  const params = new URLSearchParams();
  if (query.status) params.set('status', query.status);
  if (query.limit !== undefined) params.set('limit', String(query.limit));
  if (query.offset !== undefined) params.set('offset', String(query.offset));
  const search = params.toString();
  return `${projectApiBase(projectId)}/items${search ? `?${search}` : ''}`;
}

export function itemPath(projectId: string, itemId: string): string {
  return `${projectApiBase(projectId)}/items/${encodeURIComponent(itemId)}`;
}

/** The PNG of one source's mask of a label on slice k (255 where set): a reader's userId or 'consensus'. */
export function maskPngPath(
  projectId: string,
  itemId: string,
  labelId: string,
  source: string,
  slice: number,
): string {
  const params = new URLSearchParams({ source, slice: String(slice) });
  return `${itemPath(projectId, itemId)}/masks/${encodeURIComponent(labelId)}.png?${params}`;
}

/** The calls the quality screens make, over one ApiClient (injected, so a test can pass a fake). */
export function qualityClient(client: ApiClient, projectId: string) {
  return {
    report: () => client.get<QualityReport>(qualityReportPath(projectId)),
    disputed: (limit = 200, offset = 0) =>
      client.get<{ items: QualityItem[]; total: number }>(
        itemListPath(projectId, { status: 'disputed', limit, offset }),
      ),
    item: (itemId: string) => client.get<ItemDetail>(itemPath(projectId, itemId)),
    decide: (itemId: string, decision: Decision) =>
      client.post<DecisionResult>(`${itemPath(projectId, itemId)}/decision`, decision),
    recomputeConsensus: (itemId: string, method?: 'staple' | 'majority-vote') =>
      client.post<{ consensus: ConsensusSet }>(
        `${itemPath(projectId, itemId)}/consensus`,
        method ? { method } : {},
      ),
    /** jobId is null (and items 0) when no item is agreed or disputed: nothing to measure again. */
    recomputeAll: () =>
      client.post<{ jobId: string | null; items: number }>(`${qualityReportPath(projectId)}/recompute`),
  };
}

export type QualityClient = ReturnType<typeof qualityClient>;
