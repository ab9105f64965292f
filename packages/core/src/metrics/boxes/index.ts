/**
 * Agreement of 2D boxes: IoU, optimal one-to-one matching with detection precision/recall/F1, and
 * COCO average precision exactly as pycocotools' COCOeval computes it for one class.
 */

/** An axis-aligned box, a scored box, their area and a validity check. */
export { type Box, boxArea, checkBox, checkScoredBox, type ScoredBox } from './box.js';
/** Intersection over union of two boxes. */
export { boxIou } from './box-iou.js';
/** COCO AP at one threshold, over thresholds, per-threshold precision curves, and mAP over classes. */
export {
  type CocoMeanAveragePrecision,
  type CocoOptions,
  type CocoPrecisionCurve,
  type CocoThresholdOptions,
  cocoAveragePrecision,
  cocoAveragePrecisionOverThresholds,
  cocoMeanAveragePrecision,
  cocoPrecisionCurves,
} from './coco-average-precision.js';
/** One image's reference and detected boxes of a class, and its COCOeval.evaluateImg result. */
export { type CocoImage, type CocoImageEvaluation, evaluateCocoImage } from './coco-image-evaluation.js';
/** COCOeval's IoU thresholds (0.50:0.05:0.95) and 101 recall points, equal to numpy's linspace. */
export { COCO_IOU_THRESHOLDS, COCO_RECALL_THRESHOLDS } from './coco-thresholds.js';
/** TP, FP, FN, precision, recall and F1 of an optimal box matching, with explicit empty cases. */
export { type DetectionScores, detectionScores } from './detection-scores.js';
/** Minimum-cost rectangular assignment (Hungarian / Jonker–Volgenant), as scipy's linear_sum_assignment. */
export { type Assignment, type AssignmentOptions, hungarianAssignment } from './hungarian-assignment.js';
/** One-to-one matching of reference and test boxes that maximises total IoU above a threshold. */
export { type BoxMatch, type BoxMatching, type MatchBoxesOptions, matchBoxes } from './match-boxes.js';
