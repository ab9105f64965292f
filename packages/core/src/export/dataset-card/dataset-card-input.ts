import type { ExportDataset } from '../export-dataset.js';
import type { SplitSummary } from '../splits/split-summary.js';

/** The dataset version a card describes. */
export interface DatasetCardVersion {
  readonly name: string;
  readonly note: string;
  /** ISO 8601, e.g. '2026-11-20T10:00:00Z'. */
  readonly createdAt: string;
  /** The version's content hash, as the server computes it over the frozen images and annotations. */
  readonly contentHash: string;
  /** The name of the version this one follows, if any. */
  readonly previous?: string;
}

/** One label's agreement, as the server's quality report (`perLabel`) gives it. */
export interface LabelAgreementSummary {
  readonly labelName: string;
  /** 'dice', 'f1', 'distanceMm' or 'labelAgreement' (the server's AgreementMetric); others shown as they are. */
  readonly metric: string;
  /** Mean over measured items; null when no item could be measured. */
  readonly mean: number | null;
  /** Items measured. */
  readonly n: number;
  readonly threshold: number;
  /** Items whose agreement did not meet the threshold. */
  readonly belowThreshold: number;
  /** False for distances (smaller is better); the report gives it, and it decides how the threshold reads. */
  readonly higherIsBetter?: boolean;
  /** Classification labels only: nominal alpha with its 95% bootstrap interval (nulls when not estimable). */
  readonly krippendorffAlpha?: {
    readonly estimate: number | null;
    readonly lower: number | null;
    readonly upper: number | null;
  };
}

export const DEIDENTIFICATION_PROFILE = 'DICOM PS3.15 Basic Application Level Confidentiality Profile';

/** Whether the project required de-identification on import, and with which PS3.15 options. */
export interface DatasetCardDeidentification {
  readonly required: boolean;
  readonly profile: typeof DEIDENTIFICATION_PROFILE;
  /** Option ids such as 'retainLongitudinalModifiedDates' (docs/deid.md). */
  readonly options: readonly string[];
}

export interface DatasetCardInput {
  readonly dataset: ExportDataset;
  readonly version: DatasetCardVersion;
  readonly project: { readonly name: string; readonly description: string };
  /** `name` is an SPDX id ('CC-BY-4.0') or the licence's text. */
  readonly license: { readonly name: string; readonly url?: string };
  readonly citation: { readonly text: string; readonly bibtex?: string };
  readonly annotators: readonly { readonly displayName: string; readonly itemsDone: number }[];
  readonly agreement?: readonly LabelAgreementSummary[];
  readonly deidentification: DatasetCardDeidentification;
  /** `summariseSplits(dataset, assignment)`: one entry per split. */
  readonly splits: readonly SplitSummary[];
}
