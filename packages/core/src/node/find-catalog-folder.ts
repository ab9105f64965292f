import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * The catalog folder to read: `VOXELHUB_CATALOG` when set, else the nearest `catalog/` holding `datasets/`
 * above `start` (the repository's, whether the caller runs from src/, dist/ or a bundle: their depths
 * differ). Undefined when there is none.
 */
export function findCatalogFolder(start: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const configured = env.VOXELHUB_CATALOG;
  if (configured) return resolve(configured);
  let dir = resolve(start);
  for (;;) {
    const candidate = join(dir, 'catalog');
    if (existsSync(join(candidate, 'datasets'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
