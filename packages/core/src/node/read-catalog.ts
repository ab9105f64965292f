import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Catalog } from '../catalog/catalog.js';
import type { CatalogKind } from '../catalog/catalog-entry.js';
import { CatalogFileError, parseCatalogFile } from '../catalog/parse-catalog-file.js';

async function entryFiles(folder: string): Promise<string[]> {
  const names = await readdir(folder).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[];
    throw error;
  });
  return names
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => join(folder, name));
}

async function readKind<K extends CatalogKind>(root: string, kind: K) {
  const files = await entryFiles(join(root, kind));
  return Promise.all(files.map(async (file) => parseCatalogFile(kind, file, await readFile(file, 'utf8'))));
}

/**
 * Reads a catalog folder (`datasets/`, `tools/`, `resources/`, one JSON file per entry), checking every
 * file against its schema. The first bad file is a CatalogFileError naming it and each problem; an id used
 * by two entries of different kinds is refused too, since `catalog show <id>` must find one entry.
 */
export async function readCatalog(root: string): Promise<Catalog> {
  const catalog = {
    datasets: await readKind(root, 'datasets'),
    tools: await readKind(root, 'tools'),
    resources: await readKind(root, 'resources'),
  };
  const seen = new Map<string, string>();
  for (const [kind, entries] of Object.entries(catalog))
    for (const entry of entries) {
      const other = seen.get(entry.id);
      if (other)
        throw new CatalogFileError(join(root, kind, `${entry.id}.json`), [
          `id "${entry.id}" is also used in ${other}/`,
        ]);
      seen.set(entry.id, kind);
    }
  return catalog;
}
