import { gunzipSync } from 'node:zlib';
import type { ExportFile, ExportLabel } from '@voxelhub/core/export';
import { labelMapFromNifti } from '@voxelhub/core/segmentation';
import { z } from 'zod';
import { readingFile } from './bad-import-file.js';
import type { ImportContext } from './import-context.js';
import { isNifti } from './import-format.js';
import type { ImportedItems, ImportedLabelMap, SkippedItem, WantedLabel } from './imported-items.js';
import { labelMapOnCase, labelValues } from './label-map-on-case.js';

/** 'folder/case_0001.nii.gz' → 'case_0001'. */
function stemOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1).replace(/\.nii(\.gz)?$/i, '');
}

const IN_LABELS_FOLDER = /(^|\/)labels\/[^/]+\.nii(\.gz)?$/i;
const classNames = z.record(z.string().regex(/^\d+$/), z.string().min(1));

/**
 * The label maps of the upload: Voxelhub's NIfTI export puts them in `labels/` beside the images in
 * `images/`, so when there is a `labels/` folder only its files are label maps; otherwise every NIfTI is.
 */
function labelMapFiles(files: readonly ExportFile[]): ExportFile[] {
  const inFolder = files.filter((f) => IN_LABELS_FOLDER.test(f.path));
  return inFolder.length > 0 ? inFolder : files.filter(isNifti);
}

/**
 * What value v stands for: the name `labels.json` gives it ({"1": "Liver", …}, as Voxelhub's NIfTI export
 * writes), else the project's v-th mask label in schema order (a bare label map names no classes).
 */
function classNaming(files: readonly ExportFile[], masks: readonly ExportLabel[]) {
  const json = files.find((f) => /(^|\/)labels\.json$/.test(f.path));
  if (!json) {
    return (v: number): WantedLabel | string => {
      const label = masks[v - 1];
      if (!label)
        return `holds value ${v}, but the project has ${masks.length} mask label(s): value v is the v-th`;
      return { name: label.name, type: 'mask', colour: label.colour };
    };
  }
  const names = readingFile(json.path, () =>
    classNames.parse(JSON.parse(new TextDecoder().decode(json.bytes))),
  );
  return (v: number): WantedLabel | string => {
    const name = names[String(v)];
    return name ? { name, type: 'mask' } : `holds value ${v}, which ${json.path} does not name`;
  };
}

/** NIfTI label maps, one per case, named after it (`<case>.nii.gz`). */
export function readNiftiLabelMaps(context: ImportContext): ImportedItems {
  const labelFor = classNaming(
    context.files,
    context.projectLabels.filter((l) => l.type === 'mask'),
  );
  const labelMaps: ImportedLabelMap[] = [];
  const skipped: SkippedItem[] = [];
  for (const file of labelMapFiles(context.files)) {
    const target = context.matcher.byName(stemOf(file.path));
    if (!target) {
      skipped.push({
        file: file.path,
        reason: `no image or series of the project is case "${stemOf(file.path)}"`,
      });
      continue;
    }
    const read = readingFile(file.path, () => {
      // core's reader inflates with fflate; a gzip header is unwrapped here with Node's zlib, which is faster.
      const bytes = file.bytes[0] === 0x1f && file.bytes[1] === 0x8b ? gunzipSync(file.bytes) : file.bytes;
      return labelMapFromNifti(bytes);
    });
    const placed = labelMapOnCase(read.map, read.geometry, target);
    if (typeof placed === 'string') {
      skipped.push({ file: file.path, reason: placed });
      continue;
    }
    const segments = labelValues(placed).map((value) => ({ value, label: labelFor(value) }));
    const unnamed = segments.find((s) => typeof s.label === 'string');
    if (unnamed || segments.length === 0) {
      skipped.push({
        file: file.path,
        reason: (unnamed?.label as string | undefined) ?? 'the label map is empty',
      });
      continue;
    }
    labelMaps.push({
      file: file.path,
      caseId: target.id,
      labelMap: placed,
      segments: segments as { value: number; label: WantedLabel }[],
    });
  }
  return { annotations: [], labelMaps, skipped };
}
