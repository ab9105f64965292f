export interface MajorityLabelOptions {
  /**
   * The value must be given by strictly more than this fraction of all readers, abstentions included
   * (default 0.5: a strict majority). In [0, 1).
   */
  readonly minimumFraction?: number;
}

export interface MajorityLabelResult {
  /** The agreed value, or null when there is none and a person must decide. */
  readonly value: string | null;
  /** Votes per value given (abstentions, null, are not listed). */
  readonly votes: Record<string, number>;
  /** Readers who gave no value. */
  readonly abstentions: number;
  readonly needsAdjudication: boolean;
}

/**
 * The label most readers chose, when more than `minimumFraction` of all readers chose it. A null vote is
 * an abstention: it names no value but still counts as a reader, so silence never makes a majority.
 * No qualifying value, or a tie for the most votes, needs adjudication.
 */
export function majorityLabel(
  votes: readonly (string | null)[],
  options: MajorityLabelOptions = {},
): MajorityLabelResult {
  const { minimumFraction = 0.5 } = options;
  if (!(minimumFraction >= 0 && minimumFraction < 1))
    throw new RangeError(`majorityLabel: minimumFraction must be in [0, 1), not ${minimumFraction}`);
  if (!Array.isArray(votes)) throw new TypeError('majorityLabel: votes must be an array of strings or null');
  const counts = new Map<string, number>();
  let abstentions = 0;
  votes.forEach((vote, reader) => {
    if (vote === null) abstentions++;
    else if (typeof vote === 'string') counts.set(vote, (counts.get(vote) ?? 0) + 1);
    else throw new TypeError(`majorityLabel: reader ${reader}'s vote is neither a string nor null`);
  });
  const ranked = [...counts].sort((a, b) => b[1] - a[1]);
  const [top, runnerUp] = ranked;
  const clear = top !== undefined && top[1] > minimumFraction * votes.length && runnerUp?.[1] !== top[1];
  return {
    value: clear ? top[0] : null,
    votes: Object.fromEntries(counts),
    abstentions,
    needsAdjudication: !clear,
  };
}
