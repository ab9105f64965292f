import { type SkippedAnnotation, writeAnnotationTables } from '@voxelhub/core/export';
import { eachCase, type FormatRenderer } from './render-context.js';

/**
 * CSV and JSON tables (core writeAnnotationTables): labels long and wide, landmarks, measurements, and
 * annotations.json holding every annotation. A CSV's skipped annotations are in annotations.json, so only
 * what no table holds is reported: the voxels of label-map masks.
 */
export const renderTables: FormatRenderer = async (context) => {
  const skipped: SkippedAnnotation[] = [];
  await eachCase(context, async (_c, annotations) => {
    for (const a of annotations)
      if (a.payload.type === 'segmentation' && a.payload.data.representation === 'labelMap')
        skipped.push({
          annotationId: a.id,
          type: a.payload.type,
          reason:
            "annotations.json names the label map's blob; its voxels are not in tables (export nifti or nnunet)",
        });
  });
  const tables = writeAnnotationTables(context.model.dataset);
  await context.output.writeAll(tables.files);
  return skipped;
};
