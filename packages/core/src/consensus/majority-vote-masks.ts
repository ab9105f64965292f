import {
  checkLabelList,
  checkLabelValues,
  commonLength,
  labelMapFor,
  MAX_LABEL,
} from './label-map-inputs.js';

/**
 * What happens when a label has exactly half the readers' votes (only possible with an even number of
 * readers): `background` (default) needs strictly more than half, so the voxel becomes 0; `foreground`
 * lets exactly half win, unless two labels each hold half, which stays 0 (there is no principled winner).
 */
export type MajorityTieBreak = 'background' | 'foreground';

export interface MajorityVoteOptions {
  /** The labels voted on; any other value counts as a vote for background (0). Default: every non-zero value. */
  readonly labels?: readonly number[];
  readonly tieBreak?: MajorityTieBreak;
}

/**
 * Per-voxel majority vote over the readers' label maps (all the same length, values 0…65535, 0 background).
 * A voxel gets the label more than half of *all* readers gave it — a vote for background counts as a vote —
 * else 0. The result is a Uint8Array when every label fits in a byte, else a Uint16Array.
 */
export function majorityVoteMasks(
  masks: readonly ArrayLike<number>[],
  options: MajorityVoteOptions = {},
): Uint8Array | Uint16Array {
  const what = 'majorityVoteMasks';
  const length = commonLength(masks, what);
  const tieBreak = options.tieBreak ?? 'background';
  if (tieBreak !== 'background' && tieBreak !== 'foreground')
    throw new RangeError(`${what}: tieBreak must be 'background' or 'foreground', not ${String(tieBreak)}`);
  checkLabelValues(masks, what);
  const voted = votedLabels(masks, options.labels, what);
  const out = labelMapFor(voted.maxLabel, length);
  const halfWins = tieBreak === 'foreground';
  for (let i = 0; i < length; i++) out[i] = voxelMajority(masks, i, voted.counts, halfWins);
  return out;
}

interface VotedLabels {
  /** counts[v] is 1 when value v is a label being voted on. */
  readonly counts: Uint8Array;
  readonly maxLabel: number;
}

function votedLabels(
  masks: readonly ArrayLike<number>[],
  labels: readonly number[] | undefined,
  what: string,
): VotedLabels {
  const counts = new Uint8Array(MAX_LABEL + 1);
  if (labels !== undefined) {
    checkLabelList(labels, what);
    for (const label of labels) counts[label] = 1;
    return { counts, maxLabel: Math.max(0, ...labels) };
  }
  counts.fill(1, 1);
  return { counts, maxLabel: Math.max(0, ...masks.map(maxValue)) };
}

function maxValue(map: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < map.length; i++) if (map[i]! > max) max = map[i]!;
  return max;
}

/**
 * The majority label of one voxel in O(readers): any value with at least half the votes is more frequent
 * than a third, so it is one of the two candidates the Misra–Gries (k = 3) pass keeps; a second pass
 * counts the candidates exactly.
 */
function voxelMajority(
  masks: readonly ArrayLike<number>[],
  i: number,
  voted: Uint8Array,
  halfWins: boolean,
): number {
  const n = masks.length;
  let first = -1;
  let firstVotes = 0;
  let second = -1;
  let secondVotes = 0;
  for (let r = 0; r < n; r++) {
    const value = masks[r]![i]!;
    const v = voted[value] ? value : 0;
    if (v === first) firstVotes++;
    else if (v === second) secondVotes++;
    else if (firstVotes === 0) {
      first = v;
      firstVotes = 1;
    } else if (secondVotes === 0) {
      second = v;
      secondVotes = 1;
    } else {
      firstVotes--;
      secondVotes--;
    }
  }
  firstVotes = 0;
  secondVotes = 0;
  for (let r = 0; r < n; r++) {
    const value = masks[r]![i]!;
    const v = voted[value] ? value : 0;
    if (v === first) firstVotes++;
    else if (v === second) secondVotes++;
  }
  if (2 * firstVotes > n) return first;
  if (2 * secondVotes > n) return second;
  if (!halfWins) return 0;
  const firstHalf = first > 0 && 2 * firstVotes === n;
  const secondHalf = second > 0 && 2 * secondVotes === n;
  if (firstHalf === secondHalf) return 0;
  return firstHalf ? first : second;
}
