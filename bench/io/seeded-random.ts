// The generator is core's (the demo dataset uses the same one): mulberry32, the same seed giving
// byte-identical files on every machine, so benchmark figures are comparable across runs.
import type { SeededRandom } from '@voxelhub/core/demo';

export { type SeededRandom, seededRandom } from '@voxelhub/core/demo';

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
