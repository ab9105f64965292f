import { orientationCode, reorient } from '@voxelhub/core/reorient';
import type { DecodedVolume } from './pixel-storage.js';

/**
 * Where rows and columns run in the plane a slice lies nearest to, as DICOM viewers show it: axial
 * and coronal with the patient's left on the screen's right, sagittal with anterior on the left, and
 * superior (or anterior, for axial) at the top.
 */
const IN_PLANE: Readonly<Record<string, string>> = {
  S: 'LP',
  I: 'LP',
  A: 'LI',
  P: 'LI',
  L: 'PI',
  R: 'PI',
};

/**
 * The volume with its first two index axes swapped or reversed so that each slice shows the right way
 * up (a NIfTI in RAS storage would otherwise show anterior at the bottom). The slice axis is kept as
 * stored, so slice k on screen is slice k of the file (annotations name slices by that index); every
 * voxel keeps its patient position, and oblique volumes stay oblique (no resampling).
 */
export function orientForDisplay(volume: DecodedVolume): DecodedVolume {
  const sliceAxis = orientationCode(volume.direction)[2]!;
  return reorient(volume, `${IN_PLANE[sliceAxis]}${sliceAxis}`);
}
