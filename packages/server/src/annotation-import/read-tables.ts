import {
  type ExportAnnotation,
  type ExportFile,
  type ExportLabel,
  readAnnotationsJson,
  readLabelsCsv,
  readLabelsWideCsv,
  readLandmarksCsv,
  readMeasurementsCsv,
} from '@voxelhub/core/export';
import { readingFile } from './bad-import-file.js';
import { csvRowsOntoProject } from './csv-rows-onto-project.js';
import type { ImportContext } from './import-context.js';
import { isCsv } from './import-format.js';
import type { ImportedAnnotation, ImportedItems, SkippedItem } from './imported-items.js';
import { wantedLabel } from './read-coco.js';

type CsvKind = 'labels' | 'labels-wide' | 'landmarks' | 'measurements';

function csvKind(header: string): CsvKind {
  const columns = header
    .replace(/^\uFEFF/, '')
    .split(',')
    .map((c) => c.trim().replace(/^"|"$/g, ''));
  const has = (c: string) => columns.includes(c);
  if (has('points') || (has('kind') && has('unit'))) return 'measurements';
  if (has('label') && ((has('i') && has('j')) || (has('x') && has('y')))) return 'landmarks';
  if (has('label') && has('value')) return 'labels';
  return 'labels-wide';
}

/**
 * Labels a table may name that the project lacks: a landmarks or measurements row says its label's type
 * (point, measurement), so such a label can be made; a classification's options cannot be guessed.
 */
function plannedLabels(file: ExportFile, kind: CsvKind, project: readonly ExportLabel[]): ExportLabel[] {
  if (kind !== 'landmarks' && kind !== 'measurements') return [];
  const type = kind === 'landmarks' ? 'point' : 'measurement';
  const known = new Set(project.map((l) => l.name.toLowerCase()));
  const lines = new TextDecoder().decode(file.bytes).split(/\r?\n/);
  const labelAt = lines[0]!.split(',').indexOf('label');
  const names = new Set(
    lines
      .slice(1)
      .map((line) => line.split(',')[labelAt] ?? '')
      .filter(Boolean),
  );
  return [...names]
    .filter((name) => !known.has(name.toLowerCase()) && !name.includes('"'))
    .map((name, i) => ({ id: `new-label-${i}`, name, type, colour: '#808080', classIndex: 0 }));
}

function readCsv(file: ExportFile, context: ImportContext): ImportedItems {
  const kind = csvKind(new TextDecoder().decode(file.bytes.subarray(0, 4096)).split(/\r?\n/)[0] ?? '');
  const labels = [...context.projectLabels, ...plannedLabels(file, kind, context.projectLabels)];
  const { file: onto, skipped } = readingFile(file.path, () => csvRowsOntoProject(file, context, labels));
  const tableContext = { images: context.images, labels };
  const read = readingFile(file.path, (): ExportAnnotation[] => {
    if (kind === 'labels') return readLabelsCsv(onto, tableContext);
    if (kind === 'labels-wide') return readLabelsWideCsv(onto, tableContext);
    if (kind === 'landmarks') return readLandmarksCsv(onto, tableContext);
    return readMeasurementsCsv(onto, tableContext);
  });
  const byId = new Map(labels.map((l) => [l.id, l]));
  const annotations = read.map((a) => ({
    file: file.path,
    caseId: a.imageId,
    label: wantedLabel(byId.get(a.labelId)!),
    payload: a.payload,
  }));
  return { annotations, labelMaps: [], skipped };
}

/** Every CSV table of the upload: labels (long and wide), landmarks and measurements, told by header. */
export function readCsvTables(context: ImportContext): ImportedItems {
  const parts = context.files.filter(isCsv).map((file) => readCsv(file, context));
  return {
    annotations: parts.flatMap((p) => p.annotations),
    labelMaps: [],
    skipped: parts.flatMap((p) => p.skipped),
  };
}

/**
 * Voxelhub's annotations.json (every annotation with its payload): its images are matched to cases by id
 * or case name, its labels (with type and options) by name.
 */
export function readAnnotationsJsonFile(context: ImportContext): ImportedItems {
  const file =
    context.files.find((f) => /(^|\/)annotations\.json$/.test(f.path)) ??
    context.files.find((f) => f.path.endsWith('.json') && !f.path.endsWith('manifest.json'));
  if (!file) return { annotations: [], labelMaps: [], skipped: [] };
  const dataset = readingFile(file.path, () => readAnnotationsJson(file));
  const caseOf = new Map(
    dataset.images.map((image) => [
      image.id,
      context.matcher.byName(image.caseName) ?? context.cases.get(image.id),
    ]),
  );
  const labels = new Map(dataset.labels.map((l) => [l.id, l]));
  const annotations: ImportedAnnotation[] = [];
  const skipped: SkippedItem[] = [];
  for (const a of dataset.annotations) {
    const c = caseOf.get(a.imageId);
    if (!c) {
      const name = dataset.images.find((i) => i.id === a.imageId)?.caseName ?? a.imageId;
      skipped.push({
        file: `${file.path} (annotation ${a.id})`,
        reason: `no image or series of the project is case "${name}"`,
      });
      continue;
    }
    const payload = { ...a.payload, imageRef: { ...a.payload.imageRef, imageId: c.id } };
    annotations.push({ file: file.path, caseId: c.id, label: wantedLabel(labels.get(a.labelId)!), payload });
  }
  return { annotations, labelMaps: [], skipped };
}
