import { csvBytes, decodeUtf8, type ExportFile, type ExportLabel, parseCsv } from '@voxelhub/core/export';
import type { ImportContext } from './import-context.js';
import type { SkippedItem } from './imported-items.js';

/** The file's label spelling → the project's, for names equal but for case. */
function projectSpelling(labels: readonly ExportLabel[]) {
  const byLower = new Map(labels.map((l) => [l.name.toLowerCase(), l.name]));
  return (name: string) => byLower.get(name.toLowerCase()) ?? name;
}

/**
 * A CSV table made to read against this project, before core's table reader sees it:
 * - a row whose image_id is no case of the project is matched by its case_name instead (another
 *   project's export carries that project's ids), and a row matching neither is left out and reported
 *   (rule d) rather than failing the file;
 * - label names (the `label` column, or a wide table's label columns) take the project's spelling when
 *   they differ only in case.
 */
export function csvRowsOntoProject(
  file: ExportFile,
  context: ImportContext,
  labels: readonly ExportLabel[],
): { file: ExportFile; skipped: SkippedItem[] } {
  const [header = [], ...records] = parseCsv(decodeUtf8(file), file.path);
  const spell = projectSpelling(labels);
  const column = (name: string) => header.indexOf(name);
  const [idAt, caseAt, labelAt] = [column('image_id'), column('case_name'), column('label')];
  const wide = labelAt < 0 && !header.includes('value');
  const newHeader = wide
    ? header.map((h, c) => {
        if (c === idAt || c === caseAt) return h;
        const [name, ...option] = h.split(':');
        return [spell(name!), ...option].join(':');
      })
    : header;
  const skipped: SkippedItem[] = [];
  const rows: string[][] = [];
  records.forEach((cells, r) => {
    const row = [...cells];
    const id = idAt >= 0 ? (row[idAt] ?? '') : '';
    const name = caseAt >= 0 ? (row[caseAt] ?? '') : '';
    const known = id !== '' && context.cases.has(id);
    const byName = name !== '' ? context.matcher.byName(name) : undefined;
    if (!known && !byName) {
      const what = name || id || '(empty)';
      skipped.push({
        file: `${file.path} row ${r + 2}`,
        reason: `no image or series of the project is case "${what}"`,
      });
      return;
    }
    if (!known && idAt >= 0) row[idAt] = '';
    if (known && caseAt >= 0) row[caseAt] = '';
    if (!known && byName && caseAt >= 0) row[caseAt] = context.matcher.nameOf(byName);
    if (labelAt >= 0 && row[labelAt] !== undefined) row[labelAt] = spell(row[labelAt]!);
    rows.push(row);
  });
  return { file: { path: file.path, bytes: csvBytes([newHeader, ...rows]) }, skipped };
}
