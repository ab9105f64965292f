import { encodeBinaryRle } from '@voxelhub/core/annotation';
import type { ExportAnnotation } from '@voxelhub/core/export';
import type { LabelMap } from '@voxelhub/core/segmentation';
import { labelMapDataOf } from './annotation-label-map.js';

/**
 * A label-map annotation as inline RLE masks, one per segment and slice it marks (same annotation id),
 * on the slice's pixel grid: the form YOLO's writers trace into boxes and polygons, which they do not do
 * for label maps (their voxels are a blob). `map` is on the annotation's image grid.
 */
export function labelMapSliceAnnotations(annotation: ExportAnnotation, map: LabelMap): ExportAnnotation[] {
  const data = labelMapDataOf(annotation);
  if (!data) return [annotation];
  const [nx, ny, nz] = map.dims;
  const size = nx * ny;
  const out: ExportAnnotation[] = [];
  for (let k = 0; k < nz; k++) {
    const slice = map.voxels.subarray(k * size, (k + 1) * size);
    const present = new Set(slice);
    for (const segment of data.segments) {
      if (!present.has(segment.index)) continue;
      const mask = slice.map((v) => (v === segment.index ? 1 : 0));
      out.push({
        id: annotation.id,
        imageId: annotation.imageId,
        labelId: segment.labelId,
        payload: {
          schemaVersion: 1,
          type: 'segmentation',
          labelId: segment.labelId,
          imageRef: { imageId: annotation.imageId, sliceIndex: k },
          data: { representation: 'rle', mask: encodeBinaryRle(mask, nx, ny), segment },
        },
      });
    }
  }
  return out;
}
