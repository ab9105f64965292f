import { type Box, checkBox, checkScoredBox, type ScoredBox } from './box.js';
import { boxIou } from './box-iou.js';

/** One image's boxes of one class: the reference (ground truth) and a detector's scored boxes. */
export interface CocoImage {
  readonly reference: readonly Box[];
  readonly detections: readonly ScoredBox[];
}

/**
 * One image's part of a COCO evaluation (pycocotools COCOeval.evaluateImg): its kept detections'
 * scores in descending order, and for each IoU threshold which of those detections found a reference.
 */
export interface CocoImageEvaluation {
  readonly scores: readonly number[];
  /** matched[t][d]: detection d (in `scores` order) matched a reference at IoU threshold t. */
  readonly matched: readonly Uint8Array[];
  readonly referenceCount: number;
}

/**
 * COCOeval.evaluateImg for one class without crowd boxes and with area range 'all': the detections
 * are sorted by descending score (stable, as numpy's mergesort) and cut to `maxDetections`; then, at
 * each threshold t, each detection in turn takes the still-unmatched reference with the highest IoU
 * ≥ t. Like pycocotools, t is capped at 1 − 1e-10 and an IoU equal to the best so far replaces it,
 * so among equal IoUs the later reference wins.
 */
export function evaluateCocoImage(
  image: CocoImage,
  iouThresholds: readonly number[],
  maxDetections: number,
): CocoImageEvaluation {
  const detections = [...image.detections].sort((a, b) => b.score - a.score).slice(0, maxDetections);
  const refs = image.reference;
  // Detection first: union = area(d) + area(r) − i, summed in the order of pycocotools' bbIou.
  const iou = detections.map((d) => refs.map((r) => boxIou(d, r)));

  const matched = iouThresholds.map((threshold) => {
    const refTaken = new Uint8Array(refs.length);
    const found = new Uint8Array(detections.length);
    for (let d = 0; d < detections.length; d++) {
      let best = Math.min(threshold, 1 - 1e-10);
      let match = -1;
      for (let g = 0; g < refs.length; g++) {
        const value = iou[d]![g]!;
        if (refTaken[g] || value < best) continue;
        best = value;
        match = g;
      }
      if (match >= 0) {
        refTaken[match] = 1;
        found[d] = 1;
      }
    }
    return found;
  });
  return { scores: detections.map((d) => d.score), matched, referenceCount: refs.length };
}

/** Throws a RangeError/TypeError naming the image and box that is malformed. */
export function checkCocoImages(images: readonly CocoImage[], caller: string): void {
  if (!Array.isArray(images)) throw new TypeError(`${caller}: images must be an array`);
  for (const [i, image] of images.entries()) {
    const { reference, detections }: Partial<CocoImage> = image ?? {};
    if (!Array.isArray(reference) || !Array.isArray(detections)) {
      throw new TypeError(`${caller}: images[${i}] needs arrays 'reference' and 'detections'`);
    }
    for (const [k, box] of image.reference.entries())
      checkBox(box, `${caller}: images[${i}].reference[${k}]`);
    for (const [k, box] of image.detections.entries()) {
      checkScoredBox(box, `${caller}: images[${i}].detections[${k}]`);
    }
  }
}
