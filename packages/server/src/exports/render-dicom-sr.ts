import {
  MEASUREMENT_REPORT_TYPES,
  newDicomUid,
  type SkippedAnnotation,
  sliceInstances,
  writeMeasurementReport,
} from '@voxelhub/core/export';
import { referenceableSource, studyAttributes } from './dicom-case-source.js';
import { eachCase, type FormatRenderer } from './render-context.js';
import { skipAll } from './skip-all.js';

const MEASUREMENT_TYPES: ReadonlySet<string> = new Set(MEASUREMENT_REPORT_TYPES);

/**
 * DICOM SR: one TID 1500 Measurement Report per DICOM case with landmarks, lengths, angles or planar ROIs,
 * `sr/<case>.dcm`, each measurement referencing the source instance (and frame) it was drawn on. Other
 * annotation types, and measurements on non-DICOM cases, are listed as skipped.
 */
export const renderDicomSr: FormatRenderer = async (context) => {
  const { model, output } = context;
  const skipped: SkippedAnnotation[] = [];
  const createdAt = new Date(model.version.row.created_at);
  await eachCase(context, async (c, annotations) => {
    const measurements = annotations.filter((a) => MEASUREMENT_TYPES.has(a.payload.type));
    const others = annotations.filter((a) => !MEASUREMENT_TYPES.has(a.payload.type));
    skipped.push(...skipAll(others, 'a measurement report holds landmarks, lengths, angles and planar ROIs'));
    if (measurements.length === 0) return;
    const source = referenceableSource(c, 'a report');
    if (typeof source === 'string') {
      skipped.push(...skipAll(measurements, source));
      return;
    }
    const bytes = writeMeasurementReport({
      annotations: measurements,
      labels: model.dataset.labels,
      source: {
        studyInstanceUid: source.study.studyInstanceUid,
        frameOfReferenceUid: source.frameOfReferenceUid,
        instances: new Map([[c.image.id, sliceInstances(source.slices)]]),
        ...studyAttributes(source.study),
      },
      uids: { seriesInstanceUid: newDicomUid(), sopInstanceUid: newDicomUid() },
      seriesDescription: `Voxelhub ${model.version.row.name}`.slice(0, 64),
      contentDateTime: createdAt,
    });
    await output.write({ path: `sr/${c.image.caseName}.dcm`, bytes });
  });
  return skipped;
};
