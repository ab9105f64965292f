import { decodeBinaryRle } from '@voxelhub/core/annotation';
import type {
  CaseLabelMap,
  ExportAnnotation,
  ExportImage,
  ExportLabel,
  SkippedAnnotation,
} from '@voxelhub/core/export';
import type { BlobStore } from '../blobs/blob-store.js';
import { annotationLabelMap, labelMapDataOf } from './annotation-label-map.js';

/** A case's label map of class indices, and what of its masks could not be kept in it. */
export interface ComposedLabelMap {
  readonly labelMap: CaseLabelMap;
  readonly skipped: readonly SkippedAnnotation[];
}

/** One annotation's contribution: which voxels (flat indices) take which class. */
interface Painting {
  readonly annotation: ExportAnnotation;
  readonly classIndex: number;
  readonly voxels: readonly number[];
}

function planeOf(annotation: ExportAnnotation): number {
  const ref = annotation.payload.imageRef;
  return ref.sliceIndex ?? ref.frameIndex ?? 0;
}

async function paintingsOf(
  blobs: BlobStore,
  image: ExportImage,
  annotation: ExportAnnotation,
  labels: ReadonlyMap<string, ExportLabel>,
  skip: (reason: string) => void,
): Promise<Painting[]> {
  const { payload } = annotation;
  if (payload.type !== 'segmentation') return [];
  const [nx, ny, nz] = image.geometry.dims;
  const classOf = (labelId: string) => {
    const label = labels.get(labelId);
    if (!label) skip(`its segment's label ${labelId} is not in the version`);
    else if (label.type !== 'mask')
      skip(`its segment is of ${label.type} label ${label.name}, not a mask label`);
    return label?.type === 'mask' ? label.classIndex : undefined;
  };
  const data = labelMapDataOf(annotation);
  if (data) {
    const map = await annotationLabelMap(blobs, data, image);
    return data.segments.flatMap((segment) => {
      const classIndex = classOf(segment.labelId);
      if (classIndex === undefined) return [];
      const voxels: number[] = [];
      for (let i = 0; i < map.voxels.length; i++) if (map.voxels[i] === segment.index) voxels.push(i);
      return [{ annotation, classIndex, voxels }];
    });
  }
  if (payload.data.representation !== 'rle') return [];
  const { mask, segment } = payload.data;
  const k = planeOf(annotation);
  if (mask.width !== nx || mask.height !== ny || k >= nz) {
    skip(`its ${mask.width}×${mask.height} mask on plane ${k} does not fit the ${nx}×${ny}×${nz} image`);
    return [];
  }
  const classIndex = classOf(segment.labelId);
  if (classIndex === undefined) return [];
  const pixels = decodeBinaryRle(mask);
  const voxels: number[] = [];
  for (let i = 0; i < pixels.length; i++) if (pixels[i]) voxels.push(k * nx * ny + i);
  return [{ annotation, classIndex, voxels }];
}

/**
 * The case's masks composed into one label map on the case's grid: 0 background, a label's classIndex
 * where it was marked (label-map segments and inline RLE masks alike). Formats such as nnU-Net hold one
 * class per voxel, so where masks of two labels overlap the higher classIndex (the later label of the
 * schema) wins; each annotation that lost voxels that way is listed in `skipped`, with how many.
 */
export async function composedLabelMap(
  blobs: BlobStore,
  image: ExportImage,
  annotations: readonly ExportAnnotation[],
  labels: readonly ExportLabel[],
): Promise<ComposedLabelMap> {
  const [nx, ny, nz] = image.geometry.dims;
  const byId = new Map(labels.map((l) => [l.id, l]));
  const skipped: SkippedAnnotation[] = [];
  const paintings: Painting[] = [];
  for (const annotation of annotations) {
    const skip = (reason: string) =>
      skipped.push({ annotationId: annotation.id, type: annotation.payload.type, reason });
    paintings.push(...(await paintingsOf(blobs, image, annotation, byId, skip)));
  }
  const wide = paintings.some((p) => p.classIndex > 0xff);
  const voxels = wide ? new Uint16Array(nx * ny * nz) : new Uint8Array(nx * ny * nz);
  paintings.sort((a, b) => a.classIndex - b.classIndex);
  for (const p of paintings) for (const i of p.voxels) voxels[i] = p.classIndex;
  for (const p of paintings) {
    const lost = p.voxels.reduce((n: number, i: number) => n + (voxels[i] !== p.classIndex ? 1 : 0), 0);
    if (lost > 0)
      skipped.push({
        annotationId: p.annotation.id,
        type: p.annotation.payload.type,
        reason: `${lost} of its voxels (class ${p.classIndex}) overlap a label of higher class index, which the label map keeps`,
      });
  }
  return { labelMap: { dims: image.geometry.dims, voxels, geometry: image.geometry }, skipped };
}
