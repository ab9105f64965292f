import type { ImageGeometry, ImageKind } from '../../volume/image-volume.js';
import type { ExportImage } from '../export-dataset.js';
import type { CocoImage } from './coco-format.js';
import { type CocoPlane, parseCocoImageFileName } from './coco-image-names.js';

/** Where a COCO image lies in Voxelhub: an image, its geometry, and the slice or frame k. */
export interface ResolvedCocoImage {
  readonly imageId: string;
  readonly geometry: ImageGeometry;
  readonly plane: CocoPlane;
  readonly k: number;
}

/** Finds a COCO image's place, or says why it has none. */
export type CocoImageResolver = (image: CocoImage) => ResolvedCocoImage | string;

/**
 * A resolver for files written by cocoFromDataset: it reads `<caseName>.png` or `<caseName>/slice_0042.png`
 * (frame_…) and looks the case name up among `images`, checking the plane and the pixel size against the
 * image's geometry.
 */
export function resolveByFileName(
  images: readonly ExportImage[],
  imageKindOf?: (image: ExportImage) => ImageKind,
): CocoImageResolver {
  const byCase = new Map(images.map((image) => [image.caseName, image]));
  return (cocoImage) => {
    const parsed = parseCocoImageFileName(cocoImage.file_name);
    if (!parsed) return `file name "${cocoImage.file_name}" is not <case>.png or <case>/slice_NNNN.png`;
    const image = byCase.get(parsed.caseName);
    if (!image) return `case "${parsed.caseName}" is not among the images`;
    const [width, height, planes] = image.geometry.dims;
    if (cocoImage.width !== width || cocoImage.height !== height)
      return `"${cocoImage.file_name}" is ${cocoImage.width}×${cocoImage.height}, case "${image.caseName}" ${width}×${height}`;
    if (parsed.k >= planes) return `"${cocoImage.file_name}" is beyond the case's ${planes} planes`;
    const plane = parsed.plane ?? (imageKindOf?.(image) === 'frames' ? 'frame' : 'slice');
    return { imageId: image.id, geometry: image.geometry, plane, k: parsed.k };
  };
}
