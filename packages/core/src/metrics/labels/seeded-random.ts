/**
 * mulberry32 (Tommy Ettinger, public domain): a 32-bit-state generator of uniform numbers in [0, 1).
 * Math.random cannot be seeded, and a bootstrap interval that changes on every run cannot be
 * reported, reviewed or tested; with a seed the same data always gives the same interval, on every
 * JavaScript engine (it uses only 32-bit integer arithmetic). Its period of 2³² and its statistical
 * quality are ample for resampling indices; it is not for cryptography.
 */
export function mulberry32(seed: number): () => number {
  if (!Number.isInteger(seed)) throw new RangeError(`mulberry32: seed must be an integer, got ${seed}`);
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
