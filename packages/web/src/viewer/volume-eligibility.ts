import { type DicomJsonInstance, numberValues, TAG } from './dicom-json.js';

/** Fewer slices than this make no useful sagittal or coronal plane. */
const MIN_SLICES = 3;

/**
 * Modalities whose positioned slices make a volume. OT is what a NIfTI volume reads as (api-images):
 * NIfTI records no modality, and its slices are positioned by its affine.
 */
const VOLUME_MODALITIES: ReadonlySet<string | undefined> = new Set(['CT', 'MR', 'OT']);

/**
 * Whether a series can be shown as a volume in MPR: a CT, MR or OT of single-frame slices (one instance
 * each) that all state where they lie (position and orientation), enough of them to make the other planes.
 */
export function canShowAsVolume(
  modality: string | undefined,
  instances: readonly DicomJsonInstance[],
): boolean {
  if (!VOLUME_MODALITIES.has(modality)) return false;
  const distinct = new Set(instances);
  if (distinct.size < MIN_SLICES || distinct.size !== instances.length) return false;
  return instances.every(
    (i) =>
      numberValues(i, TAG.ImagePositionPatient)?.length === 3 &&
      numberValues(i, TAG.ImageOrientationPatient)?.length === 6 &&
      (numberValues(i, TAG.NumberOfFrames)?.[0] ?? 1) === 1,
  );
}
