import type { ImageGeometry } from '@voxelhub/core';
import {
  type AnnotationPayload,
  AnnotationPayloadError,
  LABEL_TYPE_OF_ANNOTATION,
  parseAnnotationPayload,
} from '@voxelhub/core/annotation';
import type { LabelMap } from '@voxelhub/core/segmentation';
import { consecutiveSegments } from './consecutive-segments.js';
import type { ImportedItems, SkippedItem, WantedLabel } from './imported-items.js';
import type { LabelMatching } from './label-matching.js';
import { caseTarget, type ImportCase, storedImageRef } from './project-cases.js';

/** One annotation to create, its payload as stored. */
export interface PlannedAnnotation {
  readonly file: string;
  readonly target: { imageId: string | null; seriesId: string | null };
  readonly labelId: string;
  readonly labelName: string;
  readonly payload: AnnotationPayload;
  /** For a label-map segmentation: the voxels and grid its blob is written from (the key comes later). */
  readonly labelMap?: { readonly map: LabelMap; readonly geometry: ImageGeometry };
}

export interface ImportPlan {
  readonly annotations: readonly PlannedAnnotation[];
  readonly skipped: readonly SkippedItem[];
}

/** The label an annotation of this payload type takes: its type is the payload's, whatever the file said. */
export function labelForPayload(label: WantedLabel, payload: AnnotationPayload): WantedLabel {
  return { ...label, type: LABEL_TYPE_OF_ANNOTATION[payload.type] };
}

/**
 * An inline mask names its segment's label too (COCO's reader names it after the category): it takes the
 * project label's id, name and colour, as the viewer's masks do.
 */
function withSegmentLabel(
  payload: AnnotationPayload,
  label: { id: string; name: string; colour: string },
): AnnotationPayload {
  if (payload.type !== 'segmentation' || payload.data.representation !== 'rle') return payload;
  const segment = { ...payload.data.segment, labelId: label.id, name: label.name, colour: label.colour };
  return { ...payload, data: { ...payload.data, segment } };
}

/** The key a label-map payload names until its blob is stored: replaced before anything is written. */
export const PENDING_BLOB_KEY = 'pending';

function checked(payload: unknown): AnnotationPayload | string {
  try {
    return parseAnnotationPayload(payload);
  } catch (error) {
    if (error instanceof AnnotationPayloadError) return `not a valid annotation: ${error.message}`;
    throw error;
  }
}

/**
 * What the import will write, with every item placed and labelled, or reported: payloads moved onto the
 * stored image references, label ids filled in, and each checked by core's schema again.
 */
export function planImport(
  items: ImportedItems,
  cases: ReadonlyMap<string, ImportCase>,
  labels: LabelMatching,
): ImportPlan {
  const annotations: PlannedAnnotation[] = [];
  const skipped: SkippedItem[] = [...items.skipped];
  for (const a of items.annotations) {
    const c = cases.get(a.caseId)!;
    const label = labels.labelFor(labelForPayload(a.label, a.payload));
    const imageRef = storedImageRef(c, a.payload.imageRef);
    if ('reason' in label || !imageRef) {
      const reason =
        'reason' in label ? label.reason : `slice ${a.payload.imageRef.sliceIndex} is outside the series`;
      skipped.push({ file: a.file, reason });
      continue;
    }
    const payload = checked(withSegmentLabel({ ...a.payload, imageRef, labelId: label.id }, label));
    if (typeof payload === 'string') skipped.push({ file: a.file, reason: payload });
    else
      annotations.push({
        file: a.file,
        target: caseTarget(c),
        labelId: label.id,
        labelName: label.name,
        payload,
      });
  }
  for (const m of items.labelMaps.map(consecutiveSegments)) {
    const c = cases.get(m.caseId)!;
    const segments = m.segments.map((s) => ({ s, label: labels.labelFor(s.label) }));
    const missing = segments.find(({ label }) => 'reason' in label);
    if (missing && 'reason' in missing.label) {
      skipped.push({ file: m.file, reason: missing.label.reason });
      continue;
    }
    const named = segments.map(({ s, label }) => ({
      value: s.value,
      label: label as { id: string; name: string; colour: string },
    }));
    const first = named[0]!.label;
    const payload = checked({
      schemaVersion: 1,
      type: 'segmentation',
      imageRef: storedImageRef(c, { imageId: c.id }),
      labelId: first.id,
      data: {
        representation: 'labelMap',
        blobKey: PENDING_BLOB_KEY,
        format: 'nifti',
        segments: named.map(({ value, label }) => ({
          index: value,
          labelId: label.id,
          name: label.name,
          colour: label.colour,
          locked: false,
        })),
      },
    });
    if (typeof payload === 'string') skipped.push({ file: m.file, reason: payload });
    else
      annotations.push({
        file: m.file,
        target: caseTarget(c),
        labelId: first.id,
        labelName: first.name,
        payload,
        labelMap: { map: m.labelMap, geometry: c.geometry! },
      });
  }
  return { annotations, skipped };
}
