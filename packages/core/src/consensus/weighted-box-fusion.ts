import type { ScoredBox } from '../metrics/boxes/box.js';
import { boxIou } from '../metrics/boxes/box-iou.js';

/** How a fused box's score is formed from its members' scores before the reader-count rescaling. */
export type WbfConfidence = 'avg' | 'max';

export interface WeightedBoxFusionOptions {
  /** A box joins a cluster when its IoU with the cluster's fused box is strictly greater (default 0.55). */
  readonly iouThreshold?: number;
  /** Boxes scoring below this are dropped before fusion (default 0: none). */
  readonly skipBoxThreshold?: number;
  /** 'avg' (default): mean member score × min(members, readers) / readers; 'max': the highest member score. */
  readonly confType?: WbfConfidence;
}

/** Which input box went into a fused box: the reader's index and the box's index in that reader's list. */
export interface FusedBoxSource {
  readonly reader: number;
  readonly box: number;
}

export interface FusedBox extends ScoredBox {
  /** How many distinct readers contributed a box. */
  readonly support: number;
  readonly sources: readonly FusedBoxSource[];
}

interface Candidate {
  readonly box: ScoredBox;
  readonly source: FusedBoxSource;
}

interface Cluster {
  readonly members: Candidate[];
  fused: ScoredBox;
}

/**
 * Weighted boxes fusion (Solovyev, Wang & Gabruseva, "Weighted boxes fusion: ensembling boxes from different
 * object detection models", Image and Vision Computing 107, 2021; arXiv:1910.13302), as the reference
 * `ensemble_boxes.weighted_boxes_fusion` does it with every reader weighted 1 and one class (fuse each
 * class separately). All boxes, highest score first, join the cluster whose current fused box overlaps them
 * most (IoU > iouThreshold) or start a new one; a fused box's corners are the score-weighted mean of its
 * members' corners. Fused boxes come back highest score first. Boxes of zero area are skipped as the
 * reference does; boxes are in pixels, so unlike the reference nothing is clipped to [0, 1].
 */
export function weightedBoxFusion(
  readersBoxes: readonly (readonly ScoredBox[])[],
  options: WeightedBoxFusionOptions = {},
): FusedBox[] {
  const { iouThreshold = 0.55, skipBoxThreshold = 0, confType = 'avg' } = options;
  checkOptions(iouThreshold, skipBoxThreshold, confType);
  const readers = readersBoxes.length;
  const candidates = collectCandidates(readersBoxes, skipBoxThreshold);
  const clusters: Cluster[] = [];
  for (const candidate of candidates) {
    const match = bestCluster(clusters, candidate.box, iouThreshold);
    if (match === undefined) {
      clusters.push({ members: [candidate], fused: candidate.box });
    } else {
      match.members.push(candidate);
      match.fused = fuse(match.members, confType);
    }
  }
  return clusters.map((cluster) => finalBox(cluster, readers, confType)).sort((a, b) => b.score - a.score);
}

function checkOptions(iouThreshold: number, skipBoxThreshold: number, confType: WbfConfidence): void {
  const what = 'weightedBoxFusion';
  if (!(iouThreshold >= 0 && iouThreshold <= 1))
    throw new RangeError(`${what}: iouThreshold must be in [0, 1], not ${iouThreshold}`);
  if (!Number.isFinite(skipBoxThreshold))
    throw new RangeError(`${what}: skipBoxThreshold must be a finite number, not ${skipBoxThreshold}`);
  if (confType !== 'avg' && confType !== 'max')
    throw new RangeError(`${what}: confType must be 'avg' or 'max', not ${String(confType)}`);
}

/**
 * Every usable box with where it came from, highest score first; equal scores keep reader order, then box
 * order (the reference's reversed argsort leaves that order unspecified).
 */
function collectCandidates(
  readersBoxes: readonly (readonly ScoredBox[])[],
  skipBoxThreshold: number,
): Candidate[] {
  if (!Array.isArray(readersBoxes))
    throw new TypeError('weightedBoxFusion: give one array of boxes per reader');
  const candidates: Candidate[] = [];
  readersBoxes.forEach((boxes, reader) => {
    if (!Array.isArray(boxes))
      throw new TypeError(`weightedBoxFusion: reader ${reader}'s boxes are not an array`);
    boxes.forEach((box, index) => {
      checkBox(box, reader, index);
      const empty = box.max[0] === box.min[0] || box.max[1] === box.min[1];
      if (box.score < skipBoxThreshold || empty) return;
      candidates.push({ box, source: { reader, box: index } });
    });
  });
  return candidates.sort((a, b) => b.box.score - a.box.score);
}

function checkBox(box: ScoredBox, reader: number, index: number): void {
  const where = `weightedBoxFusion: reader ${reader}, box ${index}`;
  const corners = [box?.min?.[0], box?.min?.[1], box?.max?.[0], box?.max?.[1]];
  if (!corners.every((c) => typeof c === 'number' && Number.isFinite(c)))
    throw new RangeError(`${where}: min and max must be pairs of finite numbers`);
  if (box.max[0] < box.min[0] || box.max[1] < box.min[1])
    throw new RangeError(`${where}: max must not be below min on either axis`);
  if (!(Number.isFinite(box.score) && box.score >= 0))
    throw new RangeError(`${where}: score must be a finite number ≥ 0, not ${box.score}`);
}

/** The cluster whose fused box has the highest IoU above the threshold; the first such on a tie. */
function bestCluster(
  clusters: readonly Cluster[],
  box: ScoredBox,
  iouThreshold: number,
): Cluster | undefined {
  let best: Cluster | undefined;
  let bestIou = iouThreshold;
  for (const cluster of clusters) {
    const iou = boxIou(cluster.fused, box);
    if (iou > bestIou) {
      best = cluster;
      bestIou = iou;
    }
  }
  return best;
}

/** The reference's get_weighted_box: score-weighted mean corners, and the mean (or max) member score. */
function fuse(members: readonly Candidate[], confType: WbfConfidence): ScoredBox {
  let scoreSum = 0;
  let maxScore = 0;
  const corners = [0, 0, 0, 0];
  for (const { box } of members) scoreSum += box.score;
  // With every score 0 the weighted mean is 0/0; weigh the members equally instead.
  const weightOf = (score: number) => (scoreSum > 0 ? score / scoreSum : 1 / members.length);
  for (const { box } of members) {
    const weight = weightOf(box.score);
    corners[0]! += weight * box.min[0];
    corners[1]! += weight * box.min[1];
    corners[2]! += weight * box.max[0];
    corners[3]! += weight * box.max[1];
    maxScore = Math.max(maxScore, box.score);
  }
  return {
    min: [corners[0]!, corners[1]!],
    max: [corners[2]!, corners[3]!],
    score: confType === 'max' ? maxScore : scoreSum / members.length,
  };
}

/**
 * The reference's final rescaling (allows_overflow = False): with 'avg', a box found by fewer readers
 * than there are is down-weighted by min(members, readers) / readers; 'max' divides by the largest reader
 * weight, which is 1 here.
 */
function finalBox(cluster: Cluster, readers: number, confType: WbfConfidence): FusedBox {
  const { members, fused } = cluster;
  const score =
    confType === 'avg' ? (fused.score * Math.min(members.length, readers)) / readers : fused.score;
  const sources = members.map((m) => m.source);
  const support = new Set(sources.map((s) => s.reader)).size;
  return { min: [fused.min[0], fused.min[1]], max: [fused.max[0], fused.max[1]], score, support, sources };
}
