import type { SeriesFrame } from '../series-image-ids.js';
import { provideDecodedImage, sliceImageId } from './api-image-loader.js';
import { type ApiImageAddress, apiImageUrl, fetchApiImage } from './api-image-record.js';
import { decodeApiImage } from './decode-api-image.js';
import { orientForDisplay } from './display-orientation.js';
import { pixelStorageOf, valueRange } from './pixel-storage.js';
import {
  frameOfReferenceUidOf,
  synthesiseInstances,
  uidRootOf,
  windowOfRange,
} from './synthesise-instances.js';

const FORMAT_NAMES: Readonly<Record<string, string>> = { nifti: 'NIfTI', png: 'PNG', jpeg: 'JPEG' };

/**
 * Fetches an API image's stored file, decodes it in the page and gives one frame per slice (of the
 * first timepoint of a 4D NIfTI), with DICOM JSON made from its geometry: the viewer then shows it as it
 * shows a DICOM series of single-frame slices, MPR included for volumes.
 */
export async function loadApiImageFrames(projectId: string, imageId: string): Promise<SeriesFrame[]> {
  const address: ApiImageAddress = { projectId, imageId };
  const { record, bytes } = await fetchApiImage(address);
  const format = FORMAT_NAMES[record.format] ?? record.format;
  const decoded = await decodeApiImage(record.format, bytes, `${format} image ${imageId}`);
  const { dims, spacing, origin, direction } = decoded;
  const storedGeometry = { dims, spacing, origin, direction };
  const volume = orientForDisplay(decoded);
  const storage = pixelStorageOf(volume);
  const displayWindow = storage.samplesPerPixel === 1 ? windowOfRange(valueRange(volume)) : undefined;
  const modality = record.modality ?? 'OT';
  const uidRoot = uidRootOf(imageId);
  const instances = synthesiseInstances({
    geometry: volume,
    storage,
    modality,
    seriesDescription: volume.timepoints > 1 ? `${format} (timepoint 1 of ${volume.timepoints})` : format,
    uidRoot,
    ...(displayWindow ? { window: displayWindow } : {}),
  });
  const url = `${window.location.origin}${apiImageUrl(address)}`;
  provideDecodedImage(url, {
    volume,
    storage,
    modality,
    frameOfReferenceUid: frameOfReferenceUidOf(uidRoot),
    ...(displayWindow ? { window: displayWindow } : {}),
  });
  return instances.map((instance, k) => ({ imageId: sliceImageId(url, k), instance, storedGeometry }));
}
