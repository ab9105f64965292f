/**
 * numpy.linspace(start, stop, num) value for value: i·step + start with step = (stop − start)/(num − 1),
 * and the last value set to stop. Written out because COCO's thresholds are compared with `>=` and
 * searchsorted, so 0.35000000000000003 (numpy's 35th recall point) must be exactly that.
 */
function numpyLinspace(start: number, stop: number, num: number): readonly number[] {
  const step = (stop - start) / (num - 1);
  const values = Array.from({ length: num }, (_, i) => i * step + start);
  values[num - 1] = stop;
  return Object.freeze(values);
}

/** COCOeval's IoU thresholds: np.linspace(.5, 0.95, 10) — 0.50, 0.55, …, 0.95. */
export const COCO_IOU_THRESHOLDS: readonly number[] = numpyLinspace(0.5, 0.95, 10);

/** COCOeval's recall points for interpolated precision: np.linspace(0, 1, 101) — 0, 0.01, …, 1. */
export const COCO_RECALL_THRESHOLDS: readonly number[] = numpyLinspace(0, 1, 101);
