import type { ReaderPerformance, ResolvedStapleOptions } from './staple-options.js';

/**
 * Binary STAPLE by expectation–maximisation (Warfield, Zou & Wells, IEEE TMI 23(7):903–921, 2004), step for
 * step as ITK's STAPLEImageFilter::GenerateData does it:
 *  - W (the probability that each voxel is truly foreground) starts as the fraction of readers voting for it;
 *  - the prior g is the mean of that starting W over all voxels (the mean foreground fraction per reader);
 *  - each iteration is an M-step (each reader's sensitivity p and specificity q from W) then an E-step
 *    (W = g·∏… / (g·∏… + (1−g)·∏…) from p and q);
 *  - it stops when, after the second iteration or later, no p or q moved by more than the tolerance.
 *
 * Voxels on which every reader agrees all share one W (one for "all foreground", one for "all background"),
 * because W depends on a voxel only through its votes. When restricted to disagreement, EM visits only
 * the other voxels and adds the unanimous ones to the M-step sums as count × W in closed form. This is
 * the same arithmetic, so the estimates match the full pass up to Float32 rounding of W.
 */
export interface StapleEstimate {
  readonly probability: Float32Array;
  readonly readers: ReaderPerformance[];
  readonly iterations: number;
  readonly converged: boolean;
  /** The prior g used. */
  readonly prior: number;
}

/** The voxels EM visits, with their current W, and the unanimous voxels it accounts for in closed form. */
interface VoxelDomain {
  /** Voxel index of each visited entry; null when every voxel is visited, in order. */
  readonly indices: Uint32Array | null;
  readonly weights: Float32Array;
  readonly unanimousForeground: number;
  readonly unanimousBackground: number;
  /** Foreground votes summed over every voxel and reader, for the default prior. */
  readonly foregroundVotes: number;
}

/** W of the unanimous voxels, which restricted EM keeps as two numbers instead of per voxel. */
interface UnanimousWeights {
  readonly allForeground: number;
  readonly allBackground: number;
}

export function stapleEm(
  maps: readonly ArrayLike<number>[],
  foreground: number,
  length: number,
  options: ResolvedStapleOptions,
): StapleEstimate {
  const domain = options.restrictToDisagreement
    ? disagreementDomain(maps, foreground, length)
    : fullDomain(maps, foreground, length);
  const totalVotes = length * maps.length;
  if (domain.foregroundVotes === 0 || domain.foregroundVotes === totalVotes)
    return unanimousEverywhere(maps.length, length, domain.foregroundVotes > 0);
  const prior = options.prior ?? domain.foregroundVotes / totalVotes;
  let unanimous: UnanimousWeights = { allForeground: 1, allBackground: 0 };
  let last: ReaderPerformance[] | undefined;
  let readers: ReaderPerformance[] = [];
  let iterations = 0;
  let converged = false;
  while (iterations < options.maxIterations && !converged) {
    readers = estimatePerformance(maps, foreground, domain, unanimous);
    unanimous = estimateTruth(maps, foreground, domain, readers, prior);
    iterations++;
    converged = last !== undefined && withinTolerance(readers, last, options.tolerance);
    last = readers;
  }
  const probability = expandProbability(maps[0]!, foreground, length, domain, unanimous);
  return { probability, readers, iterations, converged, prior };
}

function votesAt(maps: readonly ArrayLike<number>[], foreground: number, voxel: number): number {
  let votes = 0;
  for (let r = 0; r < maps.length; r++) if (maps[r]![voxel] === foreground) votes++;
  return votes;
}

function fullDomain(maps: readonly ArrayLike<number>[], foreground: number, length: number): VoxelDomain {
  const weights = new Float32Array(length);
  let foregroundVotes = 0;
  for (let i = 0; i < length; i++) {
    const votes = votesAt(maps, foreground, i);
    weights[i] = votes / maps.length;
    foregroundVotes += votes;
  }
  return { indices: null, weights, unanimousForeground: 0, unanimousBackground: 0, foregroundVotes };
}

function disagreementDomain(
  maps: readonly ArrayLike<number>[],
  foreground: number,
  length: number,
): VoxelDomain {
  const readers = maps.length;
  let unanimousForeground = 0;
  let unanimousBackground = 0;
  let foregroundVotes = 0;
  for (let i = 0; i < length; i++) {
    const votes = votesAt(maps, foreground, i);
    foregroundVotes += votes;
    if (votes === 0) unanimousBackground++;
    else if (votes === readers) unanimousForeground++;
  }
  const disagreeing = length - unanimousForeground - unanimousBackground;
  const indices = new Uint32Array(disagreeing);
  const weights = new Float32Array(disagreeing);
  let j = 0;
  for (let i = 0; i < length && j < disagreeing; i++) {
    const votes = votesAt(maps, foreground, i);
    if (votes === 0 || votes === readers) continue;
    indices[j] = i;
    weights[j++] = votes / readers;
  }
  return { indices, weights, unanimousForeground, unanimousBackground, foregroundVotes };
}

/** Every reader gave every voxel the same answer, and all answers were the same: nothing to estimate. */
function unanimousEverywhere(readers: number, length: number, allForeground: boolean): StapleEstimate {
  const probability = new Float32Array(length).fill(allForeground ? 1 : 0);
  const performance = {
    sensitivity: allForeground ? 1 : Number.NaN,
    specificity: allForeground ? Number.NaN : 1,
  };
  return {
    probability,
    readers: Array.from({ length: readers }, () => ({ ...performance })),
    iterations: 0,
    converged: true,
    prior: allForeground ? 1 : 0,
  };
}

/** M-step: p_j = Σ_{D_ij=1} W_i / Σ W_i and q_j = Σ_{D_ij=0} (1 − W_i) / Σ (1 − W_i) (Warfield 2004, eqs. 18–19). */
function estimatePerformance(
  maps: readonly ArrayLike<number>[],
  foreground: number,
  domain: VoxelDomain,
  unanimous: UnanimousWeights,
): ReaderPerformance[] {
  const readers = maps.length;
  const fgMass = domain.unanimousForeground * unanimous.allForeground;
  const bgMass = domain.unanimousBackground * (1 - unanimous.allBackground);
  // A unanimous-foreground voxel is a "1" for every reader, a unanimous-background one a "0".
  const pNum = new Float64Array(readers).fill(fgMass);
  const qNum = new Float64Array(readers).fill(bgMass);
  let sumW = fgMass + domain.unanimousBackground * unanimous.allBackground;
  let sumNotW = bgMass + domain.unanimousForeground * (1 - unanimous.allForeground);
  const { indices, weights } = domain;
  for (let k = 0; k < weights.length; k++) {
    const voxel = indices === null ? k : indices[k]!;
    const w = weights[k]!;
    sumW += w;
    sumNotW += 1 - w;
    for (let r = 0; r < readers; r++) {
      if (maps[r]![voxel] === foreground) pNum[r] = pNum[r]! + w;
      else qNum[r] = qNum[r]! + 1 - w;
    }
  }
  return Array.from({ length: readers }, (_, r) => ({
    sensitivity: ratio(pNum[r]!, sumW),
    specificity: ratio(qNum[r]!, sumNotW),
  }));
}

function ratio(numerator: number, denominator: number): number {
  return denominator > 0 ? numerator / denominator : Number.NaN;
}

/** E-step: W_i = g·a_i / (g·a_i + (1 − g)·b_i) (Warfield 2004, eqs. 14–16); returns the unanimous W. */
function estimateTruth(
  maps: readonly ArrayLike<number>[],
  foreground: number,
  domain: VoxelDomain,
  readers: readonly ReaderPerformance[],
  prior: number,
): UnanimousWeights {
  const p = readers.map((r) => r.sensitivity);
  const q = readers.map((r) => r.specificity);
  const { indices, weights } = domain;
  for (let k = 0; k < weights.length; k++) {
    const voxel = indices === null ? k : indices[k]!;
    let a = 1;
    let b = 1;
    for (let r = 0; r < p.length; r++) {
      if (maps[r]![voxel] === foreground) {
        a *= p[r]!;
        b *= 1 - q[r]!;
      } else {
        a *= 1 - p[r]!;
        b *= q[r]!;
      }
    }
    weights[k] = posterior(prior, a, b);
  }
  const product = (values: number[], f: (v: number) => number) => values.reduce((acc, v) => acc * f(v), 1);
  return {
    allForeground: posterior(
      prior,
      product(p, (v) => v),
      product(q, (v) => 1 - v),
    ),
    allBackground: posterior(
      prior,
      product(p, (v) => 1 - v),
      product(q, (v) => v),
    ),
  };
}

/**
 * P(truth = 1 | votes). When both likelihoods are 0 (readers with p = 1 and q = 1 contradicting each
 * other, or underflow with very many readers) the votes carry no usable evidence and the prior stands;
 * ITK would divide 0 by 0 there.
 */
function posterior(prior: number, a: number, b: number): number {
  const numerator = prior * a;
  const denominator = numerator + (1 - prior) * b;
  return denominator > 0 ? numerator / denominator : prior;
}

function withinTolerance(
  now: readonly ReaderPerformance[],
  before: readonly ReaderPerformance[],
  tolerance: number,
): boolean {
  // Written as !(… > …) would accept NaN; a NaN estimate must not count as converged.
  return now.every(
    (r, j) =>
      Math.abs(r.sensitivity - before[j]!.sensitivity) <= tolerance &&
      Math.abs(r.specificity - before[j]!.specificity) <= tolerance,
  );
}

function expandProbability(
  firstReader: ArrayLike<number>,
  foreground: number,
  length: number,
  domain: VoxelDomain,
  unanimous: UnanimousWeights,
): Float32Array {
  const { indices, weights } = domain;
  if (indices === null) return weights;
  // Outside the disagreement list every reader agrees, so the first reader's vote says which case it is.
  const probability = new Float32Array(length);
  for (let i = 0; i < length; i++)
    probability[i] = firstReader[i] === foreground ? unanimous.allForeground : unanimous.allBackground;
  for (let k = 0; k < indices.length; k++) probability[indices[k]!] = weights[k]!;
  return probability;
}
