import { type CocoImage, checkCocoImages, evaluateCocoImage } from './coco-image-evaluation.js';
import { COCO_IOU_THRESHOLDS, COCO_RECALL_THRESHOLDS } from './coco-thresholds.js';

export interface CocoOptions {
  /** Keep at most this many detections per image, the highest-scoring (COCO's maxDets; default 100). */
  maxDetections?: number;
}

export interface CocoThresholdOptions extends CocoOptions {
  /** IoU thresholds to evaluate; default COCO's 0.50:0.05:0.95. */
  iouThresholds?: readonly number[];
}

/** The precision–recall result of one class at one IoU threshold (COCOeval.accumulate). */
export interface CocoPrecisionCurve {
  readonly iouThreshold: number;
  /** Interpolated precision at each of COCO_RECALL_THRESHOLDS (0 beyond the highest recall reached). */
  readonly precision: readonly number[];
  /** The recall reached with all kept detections (COCOeval's `recall`). */
  readonly recall: number;
  /** The mean of `precision`: COCO's AP at this threshold. */
  readonly averagePrecision: number;
}

// np.spacing(1): pycocotools divides by tp + fp + eps, so precision is never exactly 1.
const EPS = 2 ** -52;

/**
 * COCOeval.evaluate + accumulate for one class over many images, one curve per IoU threshold; null
 * when no image has a reference box (pycocotools leaves −1 there). Detections of all images are
 * ranked together by descending score, ties kept in image order then in-image order (numpy's stable
 * mergesort); precision is made monotone from the right and read at 101 recall points with
 * searchsorted(side='left'). No crowd boxes, area range 'all' (nothing ignored).
 */
export function cocoPrecisionCurves(
  images: readonly CocoImage[],
  options: CocoThresholdOptions = {},
): CocoPrecisionCurve[] | null {
  return computeCurves(images, options, 'cocoPrecisionCurves');
}

/** cocoPrecisionCurves with `caller` naming the public function (and class) in error messages. */
function computeCurves(
  images: readonly CocoImage[],
  options: CocoThresholdOptions,
  caller: string,
): CocoPrecisionCurve[] | null {
  const thresholds = checkThresholds(options.iouThresholds ?? COCO_IOU_THRESHOLDS, caller);
  const maxDetections = checkMaxDetections(options.maxDetections ?? 100, caller);
  checkCocoImages(images, caller);

  const evaluations = images.map((image) => evaluateCocoImage(image, thresholds, maxDetections));
  const referenceCount = evaluations.reduce((sum, e) => sum + e.referenceCount, 0);
  if (referenceCount === 0) return null;

  const scores = evaluations.flatMap((e) => e.scores);
  const order = scores.map((_, i) => i).sort((a, b) => scores[b]! - scores[a]!); // stable
  return thresholds.map((iouThreshold, t) => {
    const matched = evaluations.flatMap((e) => Array.from(e.matched[t]!));
    const ranked = order.map((i) => matched[i] === 1);
    return precisionCurve(ranked, referenceCount, iouThreshold);
  });
}

/** COCOeval.accumulate's inner loop for one threshold: `ranked[i]` says whether the i-th best detection is a TP. */
function precisionCurve(
  ranked: readonly boolean[],
  referenceCount: number,
  iouThreshold: number,
): CocoPrecisionCurve {
  const n = ranked.length;
  const recall = new Float64Array(n);
  const precision = new Float64Array(n);
  let tp = 0;
  let fp = 0;
  for (let i = 0; i < n; i++) {
    if (ranked[i]) tp++;
    else fp++;
    recall[i] = tp / referenceCount;
    precision[i] = tp / (fp + tp + EPS);
  }
  // The envelope: precision at rank i becomes the best precision at any rank ≥ i.
  for (let i = n - 1; i > 0; i--) {
    if (precision[i]! > precision[i - 1]!) precision[i - 1] = precision[i]!;
  }
  const interpolated = COCO_RECALL_THRESHOLDS.map((r) => {
    const i = searchsortedLeft(recall, r);
    return i < n ? precision[i]! : 0; // pycocotools' try/except leaves 0 past the last rank
  });
  return {
    iouThreshold,
    precision: interpolated,
    recall: n > 0 ? recall[n - 1]! : 0,
    averagePrecision: mean(interpolated),
  };
}

/** numpy.searchsorted(sorted, value, side='left'): the first index whose value is ≥ value. */
function searchsortedLeft(sorted: Float64Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * COCO AP of one class at one IoU threshold (default 0.5, i.e. AP50): the mean interpolated precision
 * at the 101 recall points. Null when no image has a reference box (pycocotools reports −1).
 */
export function cocoAveragePrecision(
  images: readonly CocoImage[],
  options: CocoOptions & { iouThreshold?: number } = {},
): number | null {
  const thresholds = { iouThresholds: [options.iouThreshold ?? 0.5] };
  const maxDetections = options.maxDetections === undefined ? {} : { maxDetections: options.maxDetections };
  const curves = computeCurves(images, { ...thresholds, ...maxDetections }, 'cocoAveragePrecision');
  return curves === null ? null : curves[0]!.averagePrecision;
}

/**
 * COCO's headline "AP" for one class: AP averaged over the IoU thresholds 0.50:0.05:0.95 (or those
 * given). Null when no image has a reference box.
 */
export function cocoAveragePrecisionOverThresholds(
  images: readonly CocoImage[],
  options: CocoThresholdOptions = {},
): number | null {
  return averageOverThresholds(images, options, 'cocoAveragePrecisionOverThresholds');
}

function averageOverThresholds(
  images: readonly CocoImage[],
  options: CocoThresholdOptions,
  caller: string,
): number | null {
  const curves = computeCurves(images, options, caller);
  return curves === null ? null : mean(curves.map((c) => c.averagePrecision));
}

export interface CocoMeanAveragePrecision {
  /** Mean over the classes that have reference boxes; null when none has. */
  readonly meanAveragePrecision: number | null;
  /** Each class's AP over the thresholds; null for a class without reference boxes. */
  readonly byClass: Readonly<Record<string, number | null>>;
}

/**
 * COCO mAP over classes (COCOeval.summarize's stats[0] with the default thresholds): each class's AP
 * averaged over the IoU thresholds, then averaged over the classes that have at least one reference
 * box — a class with only detections is left out, as pycocotools skips its −1 entries.
 */
export function cocoMeanAveragePrecision(
  byClass: ReadonlyMap<string, readonly CocoImage[]> | Readonly<Record<string, readonly CocoImage[]>>,
  options: CocoThresholdOptions = {},
): CocoMeanAveragePrecision {
  const entries = byClass instanceof Map ? [...byClass] : Object.entries(byClass);
  const perClass: Record<string, number | null> = {};
  const defined: number[] = [];
  for (const [name, images] of entries) {
    const ap = averageOverThresholds(images, options, `cocoMeanAveragePrecision: class '${name}'`);
    perClass[name] = ap;
    if (ap !== null) defined.push(ap);
  }
  return { meanAveragePrecision: defined.length > 0 ? mean(defined) : null, byClass: perClass };
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

function checkThresholds(thresholds: readonly number[], caller: string): readonly number[] {
  if (!Array.isArray(thresholds) || thresholds.length === 0) {
    throw new RangeError(`${caller}: iouThresholds must be a non-empty array`);
  }
  for (const t of thresholds) {
    if (!(typeof t === 'number' && t >= 0 && t <= 1)) {
      throw new RangeError(`${caller}: each IoU threshold must be in [0, 1], got ${String(t)}`);
    }
  }
  return thresholds;
}

function checkMaxDetections(maxDetections: number, caller: string): number {
  if (!(Number.isInteger(maxDetections) && maxDetections > 0)) {
    throw new RangeError(`${caller}: maxDetections must be a positive integer, got ${maxDetections}`);
  }
  return maxDetections;
}
