import type { ImageGeometry } from '@voxelhub/core';
import type { BlobStore } from '../blobs/blob-store.js';
import type { QualitySettings } from '../projects/project-settings.js';
import type { LabelType } from '../storage/schema.js';
import type { ItemReading } from './item-reading.js';
import { type BoxesBySlice, boxesBySlice, measureBoxes } from './measure-boxes.js';
import { answerOf, measureClassifications } from './measure-classifications.js';
import { type LandmarksByName, landmarksByName, measureLandmarks } from './measure-landmarks.js';
import { measureMasks } from './measure-masks.js';
import type { AgreementMetric, LabelAgreement } from './quality-schemas.js';
import { type ReaderMasks, readerMasks } from './reader-masks.js';
import type { PairwiseResult } from './reader-pairs.js';

export interface ItemLabel {
  readonly id: string;
  readonly name: string;
  readonly type: LabelType;
  /** '#rrggbb' */
  readonly colour: string;
}

/** What the consensus of a label is built from, kept from measuring it. */
export type LabelMaterial =
  | { readonly kind: 'masks'; readonly label: ItemLabel; readonly masks: ReaderMasks }
  | { readonly kind: 'boxes'; readonly label: ItemLabel; readonly boxes: ReadonlyMap<string, BoxesBySlice> }
  | {
      readonly kind: 'landmarks';
      readonly label: ItemLabel;
      readonly landmarks: ReadonlyMap<string, LandmarksByName>;
    }
  | {
      readonly kind: 'answers';
      readonly label: ItemLabel;
      readonly answers: ReadonlyMap<string, string | null>;
    };

export interface ItemAgreement {
  readonly labels: LabelAgreement[];
  /** The lowest score relative to its threshold (below 1 fails); null when nothing was measured. */
  readonly worst: number | null;
  readonly materials: LabelMaterial[];
}

const METRIC_OF: Partial<Record<LabelType, AgreementMetric>> = {
  mask: 'dice',
  box: 'f1',
  point: 'distanceMm',
  classification: 'labelAgreement',
};

/**
 * The agreement of an item's readers, label by label, with each label's threshold applied. Labels no reader
 * used are left out (nothing to disagree on); label types without an agreement measure (polylines,
 * measurements, frame labels) too.
 */
export async function computeItemAgreement(
  blobs: BlobStore,
  reading: ItemReading,
  labels: readonly ItemLabel[],
  settings: QualitySettings,
  imageGeometry: ImageGeometry | undefined,
): Promise<ItemAgreement> {
  const out: LabelAgreement[] = [];
  const materials: LabelMaterial[] = [];
  const used = new Set([...reading.byReader.values()].flat().map((h) => h.labelId));
  for (const label of labels) {
    const metric = METRIC_OF[label.type];
    if (!metric || !used.has(label.id)) continue;
    const threshold = settings.thresholds[label.id] ?? settings.defaults[metric];
    const measured = await measureLabel(blobs, reading, label, imageGeometry);
    if ('material' in measured && measured.material) materials.push(measured.material);
    const higherIsBetter = metric !== 'distanceMm';
    const value = measured.value;
    const passed =
      value === null
        ? !(measured.needsReview ?? measured.note !== undefined)
        : higherIsBetter
          ? value >= threshold
          : value <= threshold;
    out.push({
      labelId: label.id,
      labelName: label.name,
      labelType: label.type,
      labelColour: label.colour,
      metric,
      higherIsBetter,
      value,
      threshold,
      passed,
      pairs: measured.result?.pairs.map((p) => ({ ...p })) ?? [],
      perReader: measured.result?.perReader ?? [],
      ...(measured.note ? { note: measured.note } : {}),
    });
  }
  return { labels: out, worst: worstOf(out), materials };
}

/** Each label's score over its threshold (threshold over distance for distances); the lowest wins. */
export function worstOf(labels: readonly LabelAgreement[]): number | null {
  let worst: number | null = null;
  for (const l of labels) {
    let score: number;
    if (l.value === null) {
      if (l.passed) continue;
      score = 0;
    } else if (l.higherIsBetter) score = l.threshold === 0 ? 1 : l.value / l.threshold;
    else score = l.value === 0 ? 1 : l.threshold / l.value;
    worst = worst === null ? score : Math.min(worst, score);
  }
  return worst;
}

interface Measured {
  readonly value: number | null;
  readonly result?: PairwiseResult;
  readonly note?: string;
  /** Whether a null value needs a person (default: when there is a note saying why it is null). */
  readonly needsReview?: boolean;
  readonly material?: LabelMaterial;
}

async function measureLabel(
  blobs: BlobStore,
  { readers, assigned, byReader }: ItemReading,
  label: ItemLabel,
  imageGeometry: ImageGeometry | undefined,
): Promise<Measured> {
  if (assigned < 2)
    return { value: null, note: 'read by one reader: nothing to compare', needsReview: false };
  if (readers.length < 2)
    return {
      value: null,
      note: `only ${readers.length} of ${assigned} readers finished (the others skipped)`,
    };
  switch (label.type) {
    case 'mask': {
      const masks = await readerMasks(blobs, byReader, label.id, imageGeometry);
      if ('note' in masks) return { value: null, note: masks.note };
      const result = measureMasks(readers, masks);
      return { value: result.mean, result, material: { kind: 'masks', label, masks } };
    }
    case 'box': {
      const boxes = new Map([...byReader].map(([r, heads]) => [r, boxesBySlice(heads, label.id)]));
      const result = measureBoxes(readers, boxes);
      return { value: result.mean, result, material: { kind: 'boxes', label, boxes } };
    }
    case 'point': {
      const landmarks = new Map([...byReader].map(([r, heads]) => [r, landmarksByName(heads, label.id)]));
      const result = measureLandmarks(readers, landmarks);
      const note = result.mean === null ? 'no landmark name was placed by two readers' : undefined;
      return {
        value: result.mean,
        result,
        material: { kind: 'landmarks', label, landmarks },
        ...(note ? { note } : {}),
      };
    }
    default: {
      const answers = new Map(
        [...byReader].map(([r, heads]) => [r, answerOf(heads, label.id)?.answer ?? null]),
      );
      const result = measureClassifications(readers, answers);
      return { value: result.majorityShare, result, material: { kind: 'answers', label, answers } };
    }
  }
}
