import type { z } from 'zod';
import { CATALOG_KINDS, type CatalogKind } from './catalog-entry.js';

/** A catalog file that is not valid JSON or does not fit its schema: names the file and every problem. */
export class CatalogFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super(`${file}: ${problems.join('; ')}`);
    this.name = 'CatalogFileError';
  }
}

function problemsOf(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.join('.') || '(entry)'}: ${issue.message}`);
}

/**
 * One entry file's text, checked against its kind's schema. The entry's id must be the file's stem, so
 * `catalog show <id>` and the file on disk never disagree.
 */
export function parseCatalogFile<K extends CatalogKind>(
  kind: K,
  file: string,
  text: string,
): z.infer<(typeof CATALOG_KINDS)[K]> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CatalogFileError(file, [`not JSON: ${(error as Error).message}`]);
  }
  const parsed = CATALOG_KINDS[kind].safeParse(json);
  if (!parsed.success) throw new CatalogFileError(file, problemsOf(parsed.error));
  const stem = file.replace(/^.*[\\/]/, '').replace(/\.json$/, '');
  if (parsed.data.id !== stem)
    throw new CatalogFileError(file, [`id "${parsed.data.id}" must equal the file name "${stem}"`]);
  return parsed.data as z.infer<(typeof CATALOG_KINDS)[K]>;
}
