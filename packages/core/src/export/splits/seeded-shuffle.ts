import { mulberry32 } from '../../metrics/labels/seeded-random.js';

/** A mulberry32 generator for `seed`, with a RangeError naming `caller` when the seed is not an integer. */
export function seededRandom(seed: number, caller: string): () => number {
  if (!Number.isSafeInteger(seed))
    throw new RangeError(`${caller}: seed must be an integer, got ${String(seed)}`);
  return mulberry32(seed);
}

/**
 * A Fisher–Yates shuffle driven by `random` (uniform in [0, 1), e.g. mulberry32): a new array, the
 * input untouched. With a seeded generator the same input always comes out in the same order.
 */
export function seededShuffle<T>(items: readonly T[], random: () => number): T[] {
  const shuffled = [...items];
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
  }
  return shuffled;
}
