import { writePart10 } from '../../dicom/write-part10.js';
import type { ExportLabel } from '../export-dataset.js';
import { type BuiltGroup, measurementGroup } from './measurement-groups.js';
import { checkUid, type WriteMeasurementReportInput } from './measurement-report-input.js';
import { reportDataset } from './report-dataset.js';

const IMPLEMENTATION_VERSION_NAME = 'VOXELHUB_SR_1';

function checkInput(input: WriteMeasurementReportInput): void {
  checkUid(input.source.studyInstanceUid, 'source.studyInstanceUid');
  checkUid(input.source.frameOfReferenceUid, 'source.frameOfReferenceUid');
  checkUid(input.uids.seriesInstanceUid, 'uids.seriesInstanceUid');
  checkUid(input.uids.sopInstanceUid, 'uids.sopInstanceUid');
  if (input.observer?.deviceUid !== undefined) checkUid(input.observer.deviceUid, 'observer.deviceUid');
  if (input.annotations.length === 0)
    throw new RangeError('annotations is empty: a report needs a measurement');
}

function groupsOf(input: WriteMeasurementReportInput): BuiltGroup[] {
  const labels = new Map<string, ExportLabel>(input.labels.map((l) => [l.id, l]));
  return input.annotations.map((a) => {
    const label = labels.get(a.labelId);
    if (!label) throw new RangeError(`annotation ${a.id}: label '${a.labelId}' is not in labels`);
    const built = measurementGroup(a, label, input.source);
    if (built.instance) {
      checkUid(built.instance.sopClassUid, `annotation ${a.id}: sopClassUid`);
      checkUid(built.instance.sopInstanceUid, `annotation ${a.id}: sopInstanceUid`);
      checkUid(built.instance.seriesInstanceUid, `annotation ${a.id}: seriesInstanceUid`);
    }
    return built;
  });
}

/**
 * A TID 1500 Measurement Report (Comprehensive 3D SR Storage) of landmarks, lengths, angles and planar
 * ROIs, as a Part 10 file in Explicit VR Little Endian written by dcmjs (docs/export-dicom-sr.md).
 * Planar coordinates are SCOORD on the referenced instance; a landmark with no slice or frame is a
 * SCOORD3D point in the source's frame of reference. Other annotation types, unknown labels and
 * planes with no instance are refused (TypeError/RangeError). The input is not changed.
 */
export function writeMeasurementReport(input: WriteMeasurementReportInput): Uint8Array {
  checkInput(input);
  return writePart10(reportDataset(input, groupsOf(input)), IMPLEMENTATION_VERSION_NAME);
}
