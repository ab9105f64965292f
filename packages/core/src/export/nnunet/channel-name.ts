import type { ExportImage } from '../export-dataset.js';

/**
 * nnU-Net chooses each channel's intensity normalisation by its name: 'CT' gets one dataset-wide
 * clip-and-scale from foreground intensities (right for Hounsfield units), every other name per-case
 * z-scoring (nnU-Net documentation/explanation_normalization.md). The other names follow the
 * Decathlon's dataset.json files ("MRI", "CT"); they only label the channel.
 */
const CHANNEL_NAME_OF_MODALITY: Readonly<Record<string, string>> = { CT: 'CT', MR: 'MRI', PT: 'PET' };

/** 'CT' for CT, 'MRI' for MR, 'PET' for PT, another DICOM modality as it is, 'image' when unknown. */
export function channelNameOf(modality: string | null): string {
  if (!modality) return 'image';
  return CHANNEL_NAME_OF_MODALITY[modality.toUpperCase()] ?? modality;
}

/**
 * The one channel's name: the caller's, else the images' shared modality's. Images of several
 * modalities would be normalised one way, so they need an explicit name (RangeError otherwise).
 */
export function channelNamesFor(
  images: readonly ExportImage[],
  given: Readonly<Record<'0', string>> | undefined,
): Record<'0', string> {
  if (given) {
    const keys = Object.keys(given);
    if (keys.length !== 1 || keys[0] !== '0' || typeof given['0'] !== 'string' || given['0'] === '') {
      throw new RangeError('channelNames must be {"0": "<name>"}: one channel, one image file per case');
    }
    return { '0': given['0'] };
  }
  const names = new Set(images.map((image) => channelNameOf(image.modality)));
  if (names.size > 1) {
    throw new RangeError(
      `the images are ${[...names].join(', ')}; nnU-Net normalises a channel one way, so pass channelNames`,
    );
  }
  return { '0': names.values().next().value ?? 'image' };
}
