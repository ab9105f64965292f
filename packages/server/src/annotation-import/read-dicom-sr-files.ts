import { type LocatedPlane, readMeasurementReport } from '@voxelhub/core/export';
import { readingFile } from './bad-import-file.js';
import type { ImportContext } from './import-context.js';
import { dicomModality } from './import-format.js';
import type { ImportedAnnotation, ImportedItems, SkippedItem } from './imported-items.js';
import { wantedLabel } from './read-coco.js';

/**
 * DICOM SR measurement reports (TID 1500): each measurement is placed by the SOP Instance UID (and frame)
 * it references (rule b): on a series, slice k of the series; on one instance, its frame or slice 0.
 * Groups name their label by the finding's meaning or tracking identifier, matched to the project's labels
 * by name (a report carries no label type, so a missing label is reported rather than made).
 */
export function readDicomSrFiles(context: ImportContext): ImportedItems {
  // Class indexes of another project's schema would name the wrong labels: match by name only.
  const labels = context.projectLabels.map((l, i) => ({ ...l, classIndex: -(i + 1) }));
  const byId = new Map(context.projectLabels.map((l) => [l.id, l]));
  const annotations: ImportedAnnotation[] = [];
  const skipped: SkippedItem[] = [];
  const imageOf = (ref: { sopInstanceUid: string; frameNumber?: number }): LocatedPlane | undefined => {
    const place = context.matcher.bySopInstanceUid(ref.sopInstanceUid);
    const geometry = place?.case.geometry;
    if (!place || !geometry) return undefined;
    const { case: c, index } = place;
    if (c.kind === 'series') return { imageId: c.id, sliceIndex: index, geometry };
    if (c.cine) return { imageId: c.id, frameIndex: (ref.frameNumber ?? 1) - 1, geometry };
    return { imageId: c.id, sliceIndex: 0, geometry };
  };
  for (const file of context.files.filter((f) => dicomModality(f) === 'SR')) {
    const report = readingFile(file.path, () => readMeasurementReport(file.bytes, { imageOf, labels }));
    for (const a of report.annotations)
      annotations.push({
        file: file.path,
        caseId: a.imageId,
        label: wantedLabel(byId.get(a.labelId)!),
        payload: a.payload,
      });
    for (const u of report.unread)
      skipped.push({ file: `${file.path} (measurement ${u.trackingUid ?? '?'})`, reason: u.reason });
  }
  return { annotations, labelMaps: [], skipped };
}
