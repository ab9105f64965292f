import type { QualityItem } from './quality-api.js';

/**
 * Where the review panes get each slice's picture. DICOM: the server's WADO-RS rendered frame, in the
 * viewer's stack order (so slice k here is the viewer's k, the k that annotations' sliceIndex names).
 * PNG and JPEG: the stored file, one slice. Anything else (NIfTI) has no rendering here: open the viewer.
 */
export type SliceImages =
  | { readonly kind: 'slices'; readonly urls: readonly string[] }
  | { readonly kind: 'none'; readonly reason: string };

/**
 * What it takes to find the pictures, from the item alone (its format and dims say most of it):
 * - `ready`: nothing to ask (a PNG or JPEG is its stored file; a NIfTI is not drawn here);
 * - `instance`: a DICOM image of known frame count: only its SOP Instance UID is missing (one small GET of
 *   the image record), its frames are 1 … frames;
 * - `series`: read the series' metadata for the stack order (a series item, or a DICOM image whose grid the
 *   server does not know);
 * - `record`: the format is unknown: read the image record first, then decide.
 */
export type SlicePlan =
  | { readonly kind: 'ready'; readonly images: SliceImages }
  | { readonly kind: 'instance'; readonly imageId: string; readonly frames: number }
  | { readonly kind: 'series'; readonly imageId: string | null }
  | { readonly kind: 'record'; readonly imageId: string };

/** What the plan reads of an item: where its pictures live and how many slices its image has. */
export interface PlannedItem extends Pick<QualityItem, 'imageId' | 'studyUid' | 'seriesUid' | 'format'> {
  /** The image's slice (frame) count, dims[2]; null when the server does not know it. */
  readonly frames: number | null;
}

export function plannedItem(item: QualityItem): PlannedItem {
  const { imageId, studyUid, seriesUid, format } = item;
  return { imageId, studyUid, seriesUid, format, frames: item.dims?.[2] ?? null };
}

export function slicePlan(projectId: string, item: PlannedItem): SlicePlan {
  const hasSeries = item.studyUid !== null && item.seriesUid !== null;
  if (!item.imageId) {
    if (hasSeries) return { kind: 'series', imageId: null };
    return {
      kind: 'ready',
      images: { kind: 'none', reason: 'The item names neither an image nor a DICOM series.' },
    };
  }
  if (item.format === null) return { kind: 'record', imageId: item.imageId };
  return planForFormat(projectId, { ...item, imageId: item.imageId, format: item.format }, hasSeries);
}

/** The plan once the image's format is known (from the item, or from its record when the item lacks it). */
export function planForFormat(
  projectId: string,
  item: { readonly imageId: string; readonly format: string; readonly frames: number | null },
  hasSeries: boolean,
): SlicePlan {
  const file = imageFileUrl(projectId, item.imageId, item.format);
  if (file) return { kind: 'ready', images: { kind: 'slices', urls: [file] } };
  if (item.format !== 'dicom' || !hasSeries)
    return {
      kind: 'ready',
      images: {
        kind: 'none',
        reason: `A ${item.format} image cannot be shown here; open it in the viewer to compare the readers.`,
      },
    };
  const { frames } = item;
  if (frames !== null && Number.isInteger(frames) && frames >= 1)
    return { kind: 'instance', imageId: item.imageId, frames };
  return { kind: 'series', imageId: item.imageId };
}

const WADORS = 'wadors:';

/**
 * The rendered URL of each frame the viewer would show: its `wadors:…/instances/:sop/frames/:n` id with
 * `/rendered` on the end. With `sop`, only that instance's frames (an image item of a series).
 */
export function renderedFrameUrls(frames: readonly { readonly imageId: string }[], sop?: string): string[] {
  const instance = sop === undefined ? undefined : `/instances/${encodeURIComponent(sop)}/frames/`;
  return frames
    .map((frame) => frame.imageId)
    .filter((id) => id.startsWith(WADORS) && (instance === undefined || id.includes(instance)))
    .map((id) => `${id.slice(WADORS.length)}/rendered`);
}

/** The rendered URLs of frames 1 … frames of one instance, on the server's DICOMweb (same origin). */
export function instanceFrameUrls(
  projectId: string,
  item: { readonly studyUid: string; readonly seriesUid: string },
  sop: string,
  frames: number,
): string[] {
  const e = encodeURIComponent;
  const base = `/dicomweb/projects/${e(projectId)}/studies/${e(item.studyUid)}/series/${e(item.seriesUid)}/instances/${e(sop)}`;
  return Array.from({ length: frames }, (_, k) => `${base}/frames/${k + 1}/rendered`);
}

/** The stored file of a PNG or JPEG image; null for formats a browser cannot show as they are. */
export function imageFileUrl(projectId: string, imageId: string, format: string): string | null {
  if (format !== 'png' && format !== 'jpeg') return null;
  return `/api/projects/${encodeURIComponent(projectId)}/images/${encodeURIComponent(imageId)}/file`;
}
