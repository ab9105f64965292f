import type { ExportLabel } from '@voxelhub/core/export';
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../storage/schema.js';
import { parseClassification } from './label-classification.js';

/** The project's labels in schema order, numbered as exports number them (classIndex 1, 2, …). */
export async function loadProjectLabels(
  db: Kysely<DatabaseSchema>,
  projectId: string,
): Promise<ExportLabel[]> {
  const rows = await db
    .selectFrom('labels')
    .select(['id', 'name', 'type', 'colour', 'classification'])
    .where('project_id', '=', projectId)
    .orderBy('sort_order')
    .orderBy('name')
    .orderBy('id')
    .execute();
  return rows.map((row, i) => {
    const classification = row.type === 'classification' ? parseClassification(row.classification) : null;
    return {
      id: row.id,
      name: row.name,
      type: row.type,
      colour: row.colour,
      classIndex: i + 1,
      ...(classification ? { options: classification.options.map((o) => ({ id: o.id, name: o.name })) } : {}),
    };
  });
}
