import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * The tables as the migrations leave them, for Kysely's typed queries. Values are the same on both
 * dialects (see migrations/portable-columns.ts): ids are UUID text, timestamps ISO-8601 UTC text,
 * flags 0/1, JSON is text (parse it with a zod schema on read).
 */

/** ISO-8601 UTC with milliseconds, e.g. '2026-01-02T03:04:05.678Z' (`new Date().toISOString()`). */
export type IsoTimestamp = string;
/** JSON text (`JSON.stringify`); the database refuses text that is not JSON. */
export type JsonText = string;
export type Flag = 0 | 1;

/** Filled in by the database on insert unless given; never null. */
type CreatedAt = Generated<IsoTimestamp>;
type FlagWithDefault = ColumnType<Flag, Flag | undefined, Flag>;
type JsonWithDefault = ColumnType<JsonText, JsonText | undefined, JsonText>;

// The label kinds are core's (the web app's label editor uses them too); re-exported for the server.
import type { LabelType } from '@voxelhub/core/annotation';

export { LABEL_TYPES, type LabelType } from '@voxelhub/core/annotation';

export const MEMBER_ROLES = ['owner', 'manager', 'annotator', 'reviewer', 'viewer'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

export const TASK_STATUSES = ['todo', 'in_progress', 'done', 'skipped'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const REVIEW_DECISIONS = ['approved', 'rejected', 'changes_requested'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

export const JOB_STATES = ['queued', 'running', 'done', 'failed'] as const;
export type JobState = (typeof JOB_STATES)[number];

export const JOB_ITEM_STATES = ['pending', 'done', 'failed', 'skipped'] as const;
export type JobItemState = (typeof JOB_ITEM_STATES)[number];

export interface UsersTable {
  id: string;
  username: string;
  display_name: string;
  password_hash: string | null;
  is_admin: FlagWithDefault;
  disabled: FlagWithDefault;
  created_at: CreatedAt;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  created_at: CreatedAt;
  last_used_at: IsoTimestamp | null;
  revoked_at: IsoTimestamp | null;
}

export interface SessionsTable {
  /** The hash of the cookie's secret. */
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: CreatedAt;
  expires_at: IsoTimestamp;
}

export interface ProjectsTable {
  id: string;
  name: string;
  description: ColumnType<string, string | undefined, string>;
  require_deidentification: FlagWithDefault;
  settings: JsonWithDefault;
  created_at: CreatedAt;
}

export interface LabelsTable {
  id: string;
  project_id: string;
  name: string;
  type: LabelType;
  /** '#rrggbb' */
  colour: string;
  code_system: string | null;
  code_value: string | null;
  code_meaning: string | null;
  guideline: ColumnType<string, string | undefined, string>;
  sort_order: ColumnType<number, number | undefined, number>;
  created_at: CreatedAt;
  /** A classification label's `{kind, options}` (migration 0007); null for every other type. */
  classification: ColumnType<JsonText | null, JsonText | null | undefined, JsonText | null>;
}

/** A guideline example image of a label (migration 0007); the bytes are a blob. */
export interface LabelExamplesTable {
  id: string;
  label_id: string;
  blob_key: string;
  media_type: 'image/png' | 'image/jpeg';
  width: number;
  height: number;
  caption: ColumnType<string, string | undefined, string>;
  created_at: CreatedAt;
}

export interface MembersTable {
  project_id: string;
  user_id: string;
  role: MemberRole;
  created_at: CreatedAt;
}

export interface SubjectsTable {
  id: string;
  project_id: string;
  pseudonym: string;
  created_at: CreatedAt;
}

export interface StudiesTable {
  id: string;
  project_id: string;
  subject_id: string;
  study_instance_uid: string;
  /** DICOM DA (YYYYMMDD) as found. */
  study_date: string | null;
  description: string | null;
  created_at: CreatedAt;
  // DICOM attributes for DICOMweb search (migration 0006); null when absent or imported before it.
  patient_name: ColumnType<string | null, string | null | undefined, string | null>;
  patient_id: ColumnType<string | null, string | null | undefined, string | null>;
  patient_birth_date: ColumnType<string | null, string | null | undefined, string | null>;
  patient_sex: ColumnType<string | null, string | null | undefined, string | null>;
  /** DICOM TM as found (HHMMSS.FFFFFF, maybe shorter). */
  study_time: ColumnType<string | null, string | null | undefined, string | null>;
  accession_number: ColumnType<string | null, string | null | undefined, string | null>;
  referring_physician_name: ColumnType<string | null, string | null | undefined, string | null>;
  study_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface SeriesTable {
  id: string;
  project_id: string;
  study_id: string;
  series_instance_uid: string;
  modality: string | null;
  description: string | null;
  created_at: CreatedAt;
  series_number: ColumnType<number | null, number | null | undefined, number | null>;
  performed_start_date: ColumnType<string | null, string | null | undefined, string | null>;
  performed_start_time: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface ImagesTable {
  id: string;
  project_id: string;
  series_id: string | null;
  sop_instance_uid: string | null;
  content_hash: string;
  blob_key: string;
  format: string;
  geometry: JsonWithDefault;
  created_at: CreatedAt;
  sop_class_uid: ColumnType<string | null, string | null | undefined, string | null>;
  instance_number: ColumnType<number | null, number | null | undefined, number | null>;
  number_of_frames: ColumnType<number | null, number | null | undefined, number | null>;
  transfer_syntax_uid: ColumnType<string | null, string | null | undefined, string | null>;
  /** The instance's DICOM JSON (PS3.18 F.2) without bulk data; null for non-DICOM and older imports. */
  dicom_json: ColumnType<JsonText | null, JsonText | null | undefined, JsonText | null>;
}

/** Exactly one of image_id and series_id is set. */
export interface TasksTable {
  id: string;
  project_id: string;
  image_id: string | null;
  series_id: string | null;
  assignee_id: string | null;
  status: ColumnType<TaskStatus, TaskStatus | undefined, TaskStatus>;
  created_at: CreatedAt;
  updated_at: CreatedAt;
  started_at: IsoTimestamp | null;
  completed_at: IsoTimestamp | null;
  /** The quality item the task reads for (migration 0010); null for a task outside multi-reader work. */
  item_id: ColumnType<string | null, string | null | undefined, string | null>;
}

/** Exactly one of image_id and series_id is set. */
export interface AnnotationsTable {
  id: string;
  project_id: string;
  task_id: string | null;
  image_id: string | null;
  series_id: string | null;
  label_id: string;
  created_by: string;
  head_revision: number;
  created_at: CreatedAt;
  updated_at: CreatedAt;
  /** Set on the annotations a consensus made (migration 0010); null on a reader's own. */
  consensus_id: ColumnType<string | null, string | null | undefined, string | null>;
}

/** Append-only: the database refuses UPDATE. */
export interface AnnotationRevisionsTable {
  annotation_id: string;
  revision: number;
  base_revision: number | null;
  author_id: string;
  schema_version: number;
  payload: JsonText;
  deleted: FlagWithDefault;
  created_at: CreatedAt;
}

/** A label-map blob uploaded to a project (migration 0008), one row per uploader. */
export interface AnnotationBlobsTable {
  project_id: string;
  blob_key: string;
  uploaded_by: string;
  size: number;
  /** JSON `[x, y, z]`: the NIfTI's voxel grid. */
  dims: JsonText;
  created_at: CreatedAt;
}

/** An image held for a person's review of burned-in text (migration 0009). */
export interface HeldImagesTable {
  id: string;
  project_id: string;
  content_hash: string;
  blob_key: string;
  sop_instance_uid: string | null;
  modality: string | null;
  format: 'dicom' | 'nifti' | 'png' | 'jpeg';
  /** JSON array of strings. */
  reasons: JsonWithDefault;
  /** JSON array of {x, y, width, height}: regions blanked on import by the rules. */
  blanked: JsonWithDefault;
  created_at: CreatedAt;
}

/** Exactly one of annotation_id and task_id is set. */
export interface ReviewsTable {
  id: string;
  project_id: string;
  annotation_id: string | null;
  annotation_revision: number | null;
  task_id: string | null;
  reviewer_id: string;
  decision: ReviewDecision;
  comment: ColumnType<string, string | undefined, string>;
  created_at: CreatedAt;
}

export const QUALITY_ITEM_STATUSES = [
  'reading',
  'computing',
  'agreed',
  'disputed',
  'resolved',
  'sent_back',
] as const;
export type QualityItemStatus = (typeof QUALITY_ITEM_STATUSES)[number];

/** An image or series read by several readers, and their agreement (migration 0010). Exactly one target. */
export interface QualityItemsTable {
  id: string;
  project_id: string;
  image_id: string | null;
  series_id: string | null;
  status: ColumnType<QualityItemStatus, QualityItemStatus | undefined, QualityItemStatus>;
  /** JSON: LabelAgreement[] (quality/quality-schemas.ts), null until computed. */
  agreement: JsonText | null;
  /** The lowest label score relative to its threshold (1 = at the threshold), for "worst first". */
  worst: number | null;
  computed_at: IsoTimestamp | null;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export const CONSENSUS_STATUSES = ['proposed', 'accepted', 'superseded'] as const;
export type ConsensusStatus = (typeof CONSENSUS_STATUSES)[number];
export const CONSENSUS_SET_METHODS = ['automatic', 'reader-accepted', 'reviewer-edited'] as const;
export type ConsensusSetMethod = (typeof CONSENSUS_SET_METHODS)[number];

/** A consensus of an item's readers, with its provenance (migration 0010). */
export interface ConsensusSetsTable {
  id: string;
  project_id: string;
  item_id: string;
  status: ColumnType<ConsensusStatus, ConsensusStatus | undefined, ConsensusStatus>;
  method: ConsensusSetMethod;
  /** JSON: per label, the core method, its parameters and the annotations it made. */
  labels: JsonWithDefault;
  /** JSON: the reader annotations (id, revision, reader) it was made from. */
  inputs: JsonWithDefault;
  /** Null when a job made it. */
  created_by: string | null;
  created_at: CreatedAt;
  accepted_by: string | null;
  accepted_at: IsoTimestamp | null;
}

export const VERSION_SOURCES = ['consensus', 'approved', 'all'] as const;
export type VersionSource = (typeof VERSION_SOURCES)[number];

/** A frozen dataset version (migration 0011); immutable. */
export interface DatasetVersionsTable {
  id: string;
  project_id: string;
  name: string;
  note: ColumnType<string, string | undefined, never>;
  source: VersionSource;
  /** SHA-256 of the manifest's canonical content (what was frozen, not its name or note). */
  content_hash: string;
  manifest_blob_key: string;
  /** JSON: { images, labels, annotations, splits } counts. */
  counts: JsonWithDefault;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface JobsTable {
  id: string;
  kind: string;
  project_id: string | null;
  created_by: string | null;
  state: ColumnType<JobState, JobState | undefined, JobState>;
  progress_done: ColumnType<number, number | undefined, number>;
  progress_total: number | null;
  payload: JsonWithDefault;
  result: JsonText | null;
  error: string | null;
  attempts: ColumnType<number, number | undefined, number>;
  lease_owner: string | null;
  lease_expires_at: IsoTimestamp | null;
  heartbeat_at: IsoTimestamp | null;
  created_at: CreatedAt;
  started_at: IsoTimestamp | null;
  finished_at: IsoTimestamp | null;
}

export interface JobItemsTable {
  job_id: string;
  item_key: string;
  state: ColumnType<JobItemState, JobItemState | undefined, JobItemState>;
  error: string | null;
  updated_at: CreatedAt;
}

export interface AuditLogTable {
  id: string;
  at: CreatedAt;
  user_id: string | null;
  project_id: string | null;
  action: string;
  target_type: string;
  target_id: string | null;
  details: JsonWithDefault;
}

export interface DatabaseSchema {
  users: UsersTable;
  api_tokens: ApiTokensTable;
  sessions: SessionsTable;
  projects: ProjectsTable;
  labels: LabelsTable;
  label_examples: LabelExamplesTable;
  members: MembersTable;
  subjects: SubjectsTable;
  studies: StudiesTable;
  series: SeriesTable;
  images: ImagesTable;
  tasks: TasksTable;
  annotations: AnnotationsTable;
  annotation_revisions: AnnotationRevisionsTable;
  annotation_blobs: AnnotationBlobsTable;
  held_images: HeldImagesTable;
  reviews: ReviewsTable;
  quality_items: QualityItemsTable;
  consensus_sets: ConsensusSetsTable;
  dataset_versions: DatasetVersionsTable;
  jobs: JobsTable;
  job_items: JobItemsTable;
  audit_log: AuditLogTable;
}

export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type Project = Selectable<ProjectsTable>;
export type NewProject = Insertable<ProjectsTable>;
export type Label = Selectable<LabelsTable>;
export type NewLabel = Insertable<LabelsTable>;
export type LabelExample = Selectable<LabelExamplesTable>;
export type Image = Selectable<ImagesTable>;
export type NewImage = Insertable<ImagesTable>;
export type Annotation = Selectable<AnnotationsTable>;
export type AnnotationRevision = Selectable<AnnotationRevisionsTable>;
export type Job = Selectable<JobsTable>;
export type AuditEntry = Selectable<AuditLogTable>;
