import { type Box, matchBoxes } from '@voxelhub/core';
import type { AnnotationHead } from '../annotations/annotation-rows.js';
import { type PairwiseResult, pairwise } from './reader-pairs.js';

/** Boxes match when their IoU reaches this (the PASCAL VOC and COCO AP50 criterion). */
export const BOX_MATCH_IOU = 0.5;

type Box2dPayload = Extract<AnnotationHead['payload'], { type: 'box2d' }>;

/** A reader's boxes of one label, by the slice or frame they were drawn on ('imageId:index'). */
export type BoxesBySlice = ReadonlyMap<string, { box: Box; head: AnnotationHead }[]>;

export function sliceKey(payload: {
  imageRef: { imageId: string; sliceIndex?: number | undefined; frameIndex?: number | undefined };
}): string {
  return `${payload.imageRef.imageId}:${payload.imageRef.sliceIndex ?? payload.imageRef.frameIndex ?? 0}`;
}

export function boxesBySlice(heads: readonly AnnotationHead[], labelId: string): BoxesBySlice {
  const out = new Map<string, { box: Box; head: AnnotationHead }[]>();
  for (const head of heads) {
    if (head.payload.type !== 'box2d' || head.labelId !== labelId) continue;
    const payload = head.payload as Box2dPayload;
    const { min, max } = payload.data;
    const key = sliceKey(payload);
    const list = out.get(key) ?? [];
    list.push({ box: { min: [min.index[0], min.index[1]], max: [max.index[0], max.index[1]] }, head });
    out.set(key, list);
  }
  return out;
}

/**
 * F1 of every two readers' boxes, matched one-to-one per slice at IoU ≥ 0.5 (Hungarian): 2·TP / (2·TP + FP
 * + FN), symmetric in the two readers. Two readers with no box agree (1).
 */
export function measureBoxes(
  readers: readonly string[],
  boxes: ReadonlyMap<string, BoxesBySlice>,
): PairwiseResult {
  return pairwise(readers, boxes, (a, b) => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    let iouSum = 0;
    for (const key of new Set([...a.keys(), ...b.keys()])) {
      const result = matchBoxes(
        (a.get(key) ?? []).map((x) => x.box),
        (b.get(key) ?? []).map((x) => x.box),
        { iouThreshold: BOX_MATCH_IOU },
      );
      tp += result.matches.length;
      fn += result.unmatchedRef.length;
      fp += result.unmatchedTest.length;
      for (const m of result.matches) iouSum += m.iou;
    }
    const total = 2 * tp + fp + fn;
    return {
      value: total === 0 ? 1 : (2 * tp) / total,
      details: { matched: tp, unmatched: fp + fn, meanIou: tp === 0 ? null : iouSum / tp },
    };
  });
}
