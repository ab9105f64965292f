import { readDicomSeg } from '@voxelhub/core';
import { badImportFile, readingFile } from './bad-import-file.js';
import { caseOfDicomObject, referencedUids } from './dicom-references.js';
import type { ImportContext } from './import-context.js';
import { dicomModality } from './import-format.js';
import type { ImportedItems, ImportedLabelMap, SkippedItem } from './imported-items.js';
import { labelMapOnCase, labelValues } from './label-map-on-case.js';

/**
 * DICOM Segmentation objects: each becomes one label-map segmentation on the series it references (or the
 * case its file is named after), laid onto the case's grid; each segment a mask label named by its
 * Segment Label.
 */
export async function readDicomSegFiles(context: ImportContext): Promise<ImportedItems> {
  const labelMaps: ImportedLabelMap[] = [];
  const skipped: SkippedItem[] = [];
  for (const file of context.files.filter((f) => dicomModality(f) === 'SEG')) {
    const seg = await readDicomSeg(file.bytes, { name: file.path }).catch((error: unknown) => {
      throw badImportFile(file.path, error);
    });
    const refs = readingFile(file.path, () => referencedUids(file.bytes, file.path));
    const target = caseOfDicomObject(context.matcher, refs, file.path);
    if (!target) {
      skipped.push({
        file: file.path,
        reason: `references series ${refs.series.join(', ') || '(none)'}, which is not in the project`,
      });
      continue;
    }
    const placed = labelMapOnCase({ dims: seg.dims, voxels: seg.labelMap }, seg.geometry, target);
    if (typeof placed === 'string') {
      skipped.push({ file: file.path, reason: placed });
      continue;
    }
    const names = new Map(seg.segments.map((s) => [s.number, s.label]));
    const segments = labelValues(placed).map((value) => ({
      value,
      label: { name: names.get(value) ?? `segment ${value}`, type: 'mask' as const },
    }));
    if (segments.length === 0) skipped.push({ file: file.path, reason: 'the segmentation is empty' });
    else labelMaps.push({ file: file.path, caseId: target.id, labelMap: placed, segments });
  }
  return { annotations: [], labelMaps, skipped };
}
