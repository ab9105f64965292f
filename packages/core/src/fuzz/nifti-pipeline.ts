import { type GunzipFunction, readNifti } from '../nifti/index.js';
import { assertValidImage, type ImageVolume } from '../volume/image-volume.js';
import { ContractViolation } from './fuzz-case.js';

function check(condition: boolean, what: string): void {
  if (!condition) throw new ContractViolation(`inconsistent result: ${what}`);
}

/** A read volume must keep the image model's invariants: voxel count, positive spacing, finite unit axes. */
export function checkVolume(volume: ImageVolume): void {
  try {
    assertValidImage(volume);
  } catch (error) {
    throw new ContractViolation(`invalid image: ${(error as Error).message}`);
  }
  check(
    volume.dims.every((d) => Number.isInteger(d) && d >= 1),
    `dims ${volume.dims.join('×')}`,
  );
  check(Number.isInteger(volume.timepoints) && volume.timepoints >= 1, `${volume.timepoints} timepoints`);
  check(volume.origin.every(Number.isFinite), `origin ${volume.origin.join(', ')}`);
  check(volume.direction.every(Number.isFinite), `direction ${volume.direction.join(', ')}`);
  for (let axis = 0; axis < 3; axis++) {
    const d = volume.direction;
    const norm = Math.hypot(d[axis]!, d[3 + axis]!, d[6 + axis]!);
    check(Math.abs(norm - 1) < 1e-3, `direction column ${axis} has length ${norm}`);
  }
}

/** readNifti on bytes, then the image model's invariants on what it returns. */
export async function readNiftiPipeline(
  bytes: Uint8Array,
  file: string,
  gunzip?: GunzipFunction,
): Promise<ImageVolume> {
  const volume = readNifti(bytes, { file, ...(gunzip ? { gunzip } : {}) });
  checkVolume(volume);
  return volume;
}
