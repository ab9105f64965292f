import { loadSeriesFrames, type SeriesAddress, type SeriesFrame } from '../series-image-ids.js';
import type { ApiImageAddress } from './api-image-record.js';
import { loadApiImageFrames } from './load-api-image-frames.js';

/** What the viewer opens: a DICOM series (over DICOMweb) or an image stored as a file (NIfTI, PNG, JPEG). */
export type ViewerAddress = SeriesAddress | ApiImageAddress;

export function isApiImageAddress(address: ViewerAddress): address is ApiImageAddress {
  return 'imageId' in address && typeof address.imageId === 'string';
}

/** The frames to show, however the address stores them. */
export function loadViewerFrames(address: ViewerAddress): Promise<SeriesFrame[]> {
  return isApiImageAddress(address)
    ? loadApiImageFrames(address.projectId, address.imageId)
    : loadSeriesFrames(address);
}

/** A string that changes exactly when the address names another image (an effect's dependency). */
export function viewerAddressKey(address: ViewerAddress): string {
  return isApiImageAddress(address)
    ? `image/${address.projectId}/${address.imageId}`
    : `series/${address.projectId}/${address.studyUid}/${address.seriesUid}`;
}
