/**
 * Deterministic pseudo-random numbers for the synthetic data: the same seed gives byte-identical files
 * on every machine, so benchmark figures are comparable across runs.
 */
export interface SeededRandom {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform 32-bit unsigned integer. */
  nextUint32(): number;
}

/** mulberry32: tiny, fast and good enough for phantom noise and UIDs (not for cryptography). */
export function seededRandom(seed: number): SeededRandom {
  let state = seed >>> 0;
  const nextUint32 = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  return { nextUint32, next: () => nextUint32() / 2 ** 32 };
}

/**
 * A table of standard-normal samples (Box–Muller). Drawing noise by indexing this table is about ten
 * times cheaper than Box–Muller per voxel, which matters for 78 million voxels.
 */
export function gaussianTable(random: SeededRandom, size: number): Float32Array {
  const table = new Float32Array(size);
  for (let i = 0; i < size; i += 2) {
    const radius = Math.sqrt(-2 * Math.log(1 - random.next()));
    const angle = 2 * Math.PI * random.next();
    table[i] = radius * Math.cos(angle);
    if (i + 1 < size) table[i + 1] = radius * Math.sin(angle);
  }
  return table;
}

/** A UID of the form 2.25.<128-bit decimal> (ISO/IEC 9834-8, as DICOM PS3.5 B.2 allows), from the stream. */
export function randomUid(random: SeededRandom): string {
  let value = 0n;
  for (let i = 0; i < 4; i++) value = (value << 32n) | BigInt(random.nextUint32());
  // A UUID-derived UID never has a leading zero; force a non-zero top bit so the length is stable.
  return `2.25.${value | (1n << 127n)}`;
}
