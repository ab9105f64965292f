import type { ImageVolume } from '@voxelhub/core';

/** ITU-R BT.601 luma weights, the usual greyscale of an RGB picture. */
const LUMA = [0.299, 0.587, 0.114] as const;

/**
 * The case as one 3D channel, as NIfTI-based training formats hold an image: an RGB picture becomes its
 * luma (nnU-Net's one channel per file would otherwise need three files per case). A 4D image is an Error
 * naming the case: these formats hold one volume per case.
 */
export function singleChannelVolume(volume: ImageVolume, caseName: string): ImageVolume {
  if (volume.timepoints !== 1)
    throw new Error(`${caseName}: a 4D image (${volume.timepoints} timepoints) is not one volume per case`);
  if (volume.samplesPerPixel === 1) return volume;
  const count = volume.dims[0] * volume.dims[1] * volume.dims[2];
  const data = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const [r, g, b] = [volume.data[3 * i]!, volume.data[3 * i + 1]!, volume.data[3 * i + 2]!];
    data[i] = Math.min(255, Math.max(0, Math.round(LUMA[0] * r + LUMA[1] * g + LUMA[2] * b)));
  }
  return {
    ...volume,
    samplesPerPixel: 1,
    photometricInterpretation: 'MONOCHROME2',
    dataType: 'uint8',
    data,
  };
}
