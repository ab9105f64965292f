/**
 * Deterministic pseudo-random numbers for the demo dataset: the same seed gives byte-identical files on
 * every machine and in every JavaScript engine (only integer arithmetic and IEEE doubles are used).
 */
export interface SeededRandom {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform 32-bit unsigned integer. */
  nextUint32(): number;
  /** Standard normal (Box–Muller). */
  gaussian(): number;
}

/** mulberry32: tiny, fast and good enough for phantom noise (not for cryptography). */
export function seededRandom(seed: number): SeededRandom {
  let state = seed >>> 0;
  const nextUint32 = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  const next = () => nextUint32() / 2 ** 32;
  let spare: number | undefined;
  const gaussian = () => {
    if (spare !== undefined) {
      const s = spare;
      spare = undefined;
      return s;
    }
    const radius = Math.sqrt(-2 * Math.log(1 - next()));
    const angle = 2 * Math.PI * next();
    spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  };
  return { next, nextUint32, gaussian };
}

/** A 32-bit FNV-1a hash of a string, to give each named stream its own seed. */
function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * A stream for one named purpose ('ct-noise', 'uid:study-ct', ...): adding a stream, or drawing more
 * from one, leaves every other stream — and so every other file — unchanged.
 */
export function namedRandom(seed: number, name: string): SeededRandom {
  return seededRandom(Math.imul(seed >>> 0, 0x9e3779b1) ^ hashString(name));
}

/** A UID 2.25.<128-bit decimal> (ISO/IEC 9834-8, as DICOM PS3.5 B.2 allows), fixed by seed and name. */
export function demoUid(seed: number, name: string): string {
  const random = namedRandom(seed, `uid:${name}`);
  let value = 0n;
  for (let i = 0; i < 4; i++) value = (value << 32n) | BigInt(random.nextUint32());
  // A UUID-derived UID never has a leading zero; a set top bit keeps the length stable (39 digits).
  return `2.25.${value | (1n << 127n)}`;
}

const TABLE_BITS = 16;

/**
 * Standard-normal samples drawn by indexing a table of 65536 Box–Muller samples with the stream: about
 * ten times cheaper per voxel than Box–Muller, and for image noise just as good.
 */
export function gaussianSource(random: SeededRandom): () => number {
  const table = Float64Array.from({ length: 1 << TABLE_BITS }, random.gaussian);
  return () => table[random.nextUint32() >>> (32 - TABLE_BITS)]!;
}
