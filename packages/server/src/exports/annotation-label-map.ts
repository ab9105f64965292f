import type { ImageGeometry } from '@voxelhub/core';
import type { ExportAnnotation, ExportImage } from '@voxelhub/core/export';
import { type LabelMap, labelMapFromNifti, labelMapOntoGrid } from '@voxelhub/core/segmentation';
import type { BlobStore } from '../blobs/blob-store.js';

type LabelMapData = Extract<
  Extract<ExportAnnotation['payload'], { type: 'segmentation' }>['data'],
  { representation: 'labelMap' }
>;

/** The label-map payload of an annotation, or undefined for any other annotation. */
export function labelMapDataOf(annotation: ExportAnnotation): LabelMapData | undefined {
  const { payload } = annotation;
  return payload.type === 'segmentation' && payload.data.representation === 'labelMap'
    ? payload.data
    : undefined;
}

/**
 * A label-map annotation's voxels (segment indices) on its image's grid. The viewer saves a label map on the
 * stored grid of what it was drawn on (a series' assembled grid, a NIfTI's stored grid), so this is usually
 * the grid itself; any other grid is laid onto the image's by nearest voxel centre (an exact permutation for
 * a flipped or reordered grid).
 */
export async function annotationLabelMap(
  blobs: BlobStore,
  data: LabelMapData,
  image: ExportImage,
): Promise<LabelMap> {
  const { map, geometry } = labelMapFromNifti(await blobs.getBytes(data.blobKey));
  return sameGrid(geometry, image.geometry) ? map : labelMapOntoGrid(map, geometry, image.geometry);
}

/** NIfTI stores its affine as float32, so equal grids agree to about a micrometre, not exactly. */
const GRID_TOLERANCE = 1e-4;

function sameGrid(a: ImageGeometry, b: ImageGeometry): boolean {
  const close = (x: readonly number[], y: readonly number[]) =>
    x.every((v, i) => Math.abs(v - y[i]!) <= GRID_TOLERANCE * Math.max(1, Math.abs(v)));
  return (
    a.dims.every((d, i) => d === b.dims[i]) &&
    close(a.spacing, b.spacing) &&
    close(a.origin, b.origin) &&
    close(a.direction, b.direction)
  );
}

/** The label maps of a case's label-map annotations, by annotation id, each on the case's grid. */
export async function caseAnnotationLabelMaps(
  blobs: BlobStore,
  image: ExportImage,
  annotations: readonly ExportAnnotation[],
): Promise<Map<string, LabelMap>> {
  const maps = new Map<string, LabelMap>();
  for (const annotation of annotations) {
    const data = labelMapDataOf(annotation);
    if (data) maps.set(annotation.id, await annotationLabelMap(blobs, data, image));
  }
  return maps;
}
