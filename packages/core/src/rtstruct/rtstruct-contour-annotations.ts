import { ANNOTATION_LIMITS } from '../annotation/annotation-limits.js';
import type { AnnotationPayload } from '../annotation/annotation-payload.js';
import type { ImageGeometry } from '../volume/image-volume.js';
import { placeContour } from './contours-on-grid.js';
import type { RtStructureSet } from './rt-structure-set.js';

export interface RtstructContourOptions {
  /** The Voxelhub image (a volume or series image) the structure set was drawn on. */
  readonly imageId: string;
  readonly geometry: ImageGeometry;
  /** The label an ROI's contours go under, by ROI; undefined leaves the ROI out (listed in `skipped`). */
  readonly labelIdOf: (roi: { readonly number: number; readonly name: string }) => string | undefined;
}

export interface RtstructContours {
  readonly payloads: readonly AnnotationPayload[];
  readonly skipped: readonly { readonly roi: string; readonly reason: string }[];
}

/**
 * Each closed planar contour of a structure set as a freehand contour annotation on its slice: points
 * keep their patient coordinates as the file gives them, with the voxel index they fall on. Contours that
 * are not on a slice plane, markers and lines, and ROIs without a label are listed in `skipped`. (XOR
 * holes stay separate contours here; the label map from rtstructLabelMap is where they become holes.)
 */
export function rtstructContourAnnotations(
  structure: RtStructureSet,
  options: RtstructContourOptions,
): RtstructContours {
  const payloads: AnnotationPayload[] = [];
  const skipped: { roi: string; reason: string }[] = [];
  for (const roi of structure.rois) {
    const labelId = options.labelIdOf(roi);
    if (labelId === undefined) {
      skipped.push({ roi: roi.name, reason: 'no label for this ROI' });
      continue;
    }
    roi.contours.forEach((contour, c) => {
      if (contour.geometricType === 'POINT') return;
      const placed = placeContour(contour, options.geometry);
      if ('skipped' in placed) {
        skipped.push({ roi: roi.name, reason: `contour ${c + 1}: ${placed.skipped}` });
        return;
      }
      const n = contour.points.length / 3;
      if (n > ANNOTATION_LIMITS.maxPoints) {
        skipped.push({
          roi: roi.name,
          reason: `contour ${c + 1} has ${n} points, over ${ANNOTATION_LIMITS.maxPoints}`,
        });
        return;
      }
      const { slice, points } = placed.placed;
      payloads.push({
        schemaVersion: 1,
        type: 'freehandContour',
        imageRef: { imageId: options.imageId, sliceIndex: slice },
        labelId,
        data: {
          points: Array.from({ length: n }, (_, p) => ({
            index: [points[2 * p]!, points[2 * p + 1]!, slice] as [number, number, number],
            patient: [contour.points[3 * p]!, contour.points[3 * p + 1]!, contour.points[3 * p + 2]!] as [
              number,
              number,
              number,
            ],
          })),
        },
      } as AnnotationPayload);
    });
  }
  return { payloads, skipped };
}
