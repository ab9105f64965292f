import { fileURLToPath } from 'node:url';
import {
  type Catalog,
  CatalogFileError,
  type CatalogSort,
  type DatasetEntry,
  type DatasetFacet,
  MODALITY_TITLES,
  type ResourceEntry,
  searchCatalog,
  type ToolEntry,
} from '@voxelhub/core/catalog';
import { findCatalogFolder, readCatalog } from '@voxelhub/core/node';
import { formatTable } from '../terminal/table.js';

export interface CatalogSearchOptions {
  readonly text: string;
  readonly filters: Partial<Record<DatasetFacet, string[]>>;
  readonly sort?: CatalogSort;
  readonly json: boolean;
}

async function loadCatalog(): Promise<Catalog | undefined> {
  const folder = findCatalogFolder(fileURLToPath(new URL('.', import.meta.url)));
  if (!folder) {
    process.stderr.write('voxelhub catalog: no catalog folder found; set VOXELHUB_CATALOG to one\n');
    return undefined;
  }
  try {
    return await readCatalog(folder);
  } catch (error) {
    // A broken entry file: its name and each problem, without a stack.
    if (!(error instanceof CatalogFileError)) throw error;
    process.stderr.write(`voxelhub catalog: ${error.message}\n`);
    return undefined;
  }
}

function count(n: number | null): string {
  return n === null ? '?' : n.toLocaleString('en-GB');
}

/** Long names and licenses cut to fit a terminal; `show` and `--json` give them whole. */
function cut(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}

function searchRow(d: DatasetEntry): string[] {
  return [
    d.id,
    cut(d.name, 48),
    d.modalities.map((m) => MODALITY_TITLES[m]).join(', '),
    cut(d.tasks.join(', '), 28),
    count(d.subjects),
    cut(d.license, 28),
    d.access,
  ];
}

/**
 * `voxelhub catalog search <text> [--modality m] [--task t] ...`: the catalog's datasets that match every
 * word, best first, as a table or JSON. Exit status 1 when nothing matches, so scripts can tell.
 */
export async function catalogSearchCommand(options: CatalogSearchOptions): Promise<number> {
  const catalog = await loadCatalog();
  if (!catalog) return 1;
  const { hits } = searchCatalog(catalog.datasets, {
    text: options.text,
    filters: options.filters,
    ...(options.sort ? { sort: options.sort } : {}),
  });
  if (options.json) {
    process.stdout.write(
      `${JSON.stringify(
        hits.map((h) => h.dataset),
        null,
        2,
      )}\n`,
    );
    return hits.length > 0 ? 0 : 1;
  }
  if (hits.length === 0) {
    process.stderr.write('no dataset matches; try fewer words or filters\n');
    return 1;
  }
  const headers = ['id', 'name', 'modality', 'tasks', 'subjects', 'license', 'access'];
  process.stdout.write(
    `${formatTable(
      headers,
      hits.map((h) => searchRow(h.dataset)),
    )}\n`,
  );
  process.stdout.write(
    `${hits.length} dataset${hits.length === 1 ? '' : 's'}; 'voxelhub catalog show <id>' for one\n`,
  );
  return 0;
}

function datasetText(d: DatasetEntry): string {
  const lines = [
    `${d.name} (${d.id})`,
    '',
    d.summary,
    '',
    `Modalities      ${d.modalities.map((m) => MODALITY_TITLES[m]).join(', ')}`,
    `Body regions    ${d.bodyRegions.join(', ')}`,
    `Tasks           ${d.tasks.join(', ')}`,
    `Annotations     ${d.annotationTypes.join(', ')}`,
    ...(d.labels.length > 0 ? [`Labels          ${d.labels.join(', ')}`] : []),
    `Subjects        ${count(d.subjects)}`,
    `Images          ${count(d.images)} ${d.imageUnit}`,
    `File formats    ${d.fileFormats.join(', ')}`,
    `License         ${d.license}${d.licenseUrl ? ` <${d.licenseUrl}>` : ''}`,
    `Access          ${d.access}`,
    `Year            ${d.year ?? '?'}`,
    `URL             ${d.url}`,
    `Cite            ${d.citation}${d.doi ? ` https://doi.org/${d.doi}` : ''}`,
    ...(d.notes ? ['', d.notes] : []),
    '',
    'Checked against:',
    ...d.sources.map((s) => `  ${s.url} (${s.checked}): ${s.facts}`),
  ];
  return `${lines.join('\n')}\n`;
}

function otherText(e: ToolEntry | ResourceEntry): string {
  const facts =
    'platforms' in e
      ? [
          `License         ${e.license}`,
          `Platforms       ${e.platforms.join(', ')}`,
          `Formats         ${e.formats.join(', ')}`,
          `Annotations     ${e.annotationTypes.join(', ') || '-'}`,
        ]
      : [`Kind            ${e.kind}`];
  const lines = [
    `${e.name} (${e.id})`,
    '',
    e.summary,
    '',
    ...facts,
    `URL             ${e.url}`,
    ...(e.notes ? ['', e.notes] : []),
    '',
    'Checked against:',
    ...e.sources.map((s) => `  ${s.url} (${s.checked}): ${s.facts}`),
  ];
  return `${lines.join('\n')}\n`;
}

/** `voxelhub catalog show <id>`: one entry (a dataset, tool or resource) in full. */
export async function catalogShowCommand(id: string, options: { json: boolean }): Promise<number> {
  const catalog = await loadCatalog();
  if (!catalog) return 1;
  const dataset = catalog.datasets.find((d) => d.id === id);
  const other = catalog.tools.find((t) => t.id === id) ?? catalog.resources.find((r) => r.id === id);
  const entry = dataset ?? other;
  if (!entry) {
    process.stderr.write(`voxelhub catalog: no entry '${id}'; 'voxelhub catalog search <text>' finds ids\n`);
    return 1;
  }
  if (options.json) process.stdout.write(`${JSON.stringify(entry, null, 2)}\n`);
  else if (dataset) process.stdout.write(datasetText(dataset));
  else process.stdout.write(otherText(entry as ToolEntry | ResourceEntry));
  return 0;
}
