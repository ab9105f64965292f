/** One pair of readers' agreement on a label. */
export interface PairScore {
  readonly a: string;
  readonly b: string;
  readonly value: number | null;
  readonly details?: Record<string, number | null>;
}

export interface PairwiseResult {
  readonly pairs: PairScore[];
  /** Each reader against the others: the mean of the pairs they are in. */
  readonly perReader: { userId: string; value: number | null }[];
  /** The mean over pairs with a value; null when none has one. */
  readonly mean: number | null;
}

/**
 * Every pair of readers compared with `measure`. Agreement among several readers is the mean over their
 * pairs (as in the multi-rater Dice of the BraTS and LIDC literature): each pair counts once, whatever
 * order the readers finished in.
 */
export function pairwise<T>(
  readers: readonly string[],
  data: ReadonlyMap<string, T>,
  measure: (a: T, b: T) => { value: number | null; details?: Record<string, number | null> },
): PairwiseResult {
  const pairs: PairScore[] = [];
  for (let i = 0; i < readers.length; i++) {
    for (let j = i + 1; j < readers.length; j++) {
      const a = readers[i]!;
      const b = readers[j]!;
      pairs.push({ a, b, ...measure(data.get(a)!, data.get(b)!) });
    }
  }
  const perReader = readers.map((userId) => ({
    userId,
    value: meanOf(pairs.filter((p) => p.a === userId || p.b === userId).map((p) => p.value)),
  }));
  return { pairs, perReader, mean: meanOf(pairs.map((p) => p.value)) };
}

export function meanOf(values: readonly (number | null)[]): number | null {
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v));
  return present.length === 0 ? null : present.reduce((sum, v) => sum + v, 0) / present.length;
}
