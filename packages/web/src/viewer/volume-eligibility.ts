import { type DicomJsonInstance, numberValues, TAG } from './dicom-json.js';

/** Fewer slices than this make no useful sagittal or coronal plane. */
const MIN_SLICES = 3;

/**
 * Whether a series can be shown as a volume in MPR: a CT or MR of single-frame slices (one instance
 * each) that all state where they lie (position and orientation), enough of them to make the other planes.
 */
export function canShowAsVolume(
  modality: string | undefined,
  instances: readonly DicomJsonInstance[],
): boolean {
  if (modality !== 'CT' && modality !== 'MR') return false;
  const distinct = new Set(instances);
  if (distinct.size < MIN_SLICES || distinct.size !== instances.length) return false;
  return instances.every(
    (i) =>
      numberValues(i, TAG.ImagePositionPatient)?.length === 3 &&
      numberValues(i, TAG.ImageOrientationPatient)?.length === 6 &&
      (numberValues(i, TAG.NumberOfFrames)?.[0] ?? 1) === 1,
  );
}
