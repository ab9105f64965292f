import {
  datasetFromMsd,
  datasetFromNnunet,
  type ExportFile,
  type ImportedSegmentationDataset,
} from '@voxelhub/core/export';
import { readingFile } from './bad-import-file.js';
import type { ImportContext } from './import-context.js';
import type { ImportedItems, ImportedLabelMap, SkippedItem } from './imported-items.js';
import { labelMapOnCase, labelValues } from './label-map-on-case.js';

/** The label file a training case was read from (core's readers list image paths, not the label's). */
function labelFileOf(folder: ImportedSegmentationDataset, caseName: string, files: readonly ExportFile[]) {
  const names = [`labelsTr/${caseName}.nii.gz`, `labelsTr/${caseName}.nii`];
  const found = files.find((f) => names.some((name) => f.path === name || f.path.endsWith(`/${name}`)));
  return found?.path ?? `labelsTr/${caseName} (${folder.name})`;
}

/**
 * An nnU-Net v2 raw dataset or a Decathlon task: each training case's label map becomes one label-map
 * segmentation on the case of that name, its classes labels of type mask named as dataset.json names
 * them. Test cases carry no labels and are passed over.
 */
export function readSegmentationFolder(context: ImportContext, kind: 'nnunet' | 'msd'): ImportedItems {
  const json = context.files.find((f) => /(^|\/)dataset\.json$/.test(f.path))?.path ?? 'dataset.json';
  const folder = readingFile(json, () =>
    kind === 'nnunet' ? datasetFromNnunet(context.files) : datasetFromMsd(context.files),
  );
  const classes = new Map(folder.labels.map((l) => [l.classIndex, l.name]));
  const labelMaps: ImportedLabelMap[] = [];
  const skipped: SkippedItem[] = [];
  for (const c of folder.cases) {
    if (!c.labelMap) continue;
    const file = labelFileOf(folder, c.caseName, context.files);
    const target = context.matcher.byName(c.caseName);
    if (!target) {
      skipped.push({ file, reason: `no image or series of the project is case "${c.caseName}"` });
      continue;
    }
    const placed = labelMapOnCase(c.labelMap, c.geometry, target);
    if (typeof placed === 'string') {
      skipped.push({ file, reason: placed });
      continue;
    }
    const segments = labelValues(placed).map((value) => ({
      value,
      label: { name: classes.get(value) ?? `class ${value}`, type: 'mask' as const },
    }));
    if (segments.length === 0) {
      skipped.push({ file, reason: 'the label map is empty' });
      continue;
    }
    labelMaps.push({ file, caseId: target.id, labelMap: placed, segments });
  }
  return { annotations: [], labelMaps, skipped };
}
