import type { Kysely } from 'kysely';
import type { DatabaseSchema, LabelExample } from '../storage/schema.js';
import { labelFromRow } from './label-rows.js';

type Db = Kysely<DatabaseSchema>;

/** A project's labels as the API answers them, in display order, each with its example images. */
export async function loadLabels(db: Db, projectId: string) {
  const rows = await db
    .selectFrom('labels')
    .selectAll()
    .where('project_id', '=', projectId)
    .orderBy('sort_order')
    .orderBy('name')
    .execute();
  const examples = await examplesOf(
    db,
    rows.map((row) => row.id),
  );
  return rows.map((row) => labelFromRow(row, examples.get(row.id) ?? []));
}

/** One label as the API answers it, or undefined when the project has no such label. */
export async function loadLabel(db: Db, projectId: string, labelId: string) {
  const row = await db
    .selectFrom('labels')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('id', '=', labelId)
    .executeTakeFirst();
  if (!row) return undefined;
  return labelFromRow(row, (await examplesOf(db, [row.id])).get(row.id) ?? []);
}

/** The example images of these labels, oldest first, by label id. */
async function examplesOf(db: Db, labelIds: readonly string[]): Promise<Map<string, LabelExample[]>> {
  const byLabel = new Map<string, LabelExample[]>();
  if (labelIds.length === 0) return byLabel;
  const rows = await db
    .selectFrom('label_examples')
    .selectAll()
    .where('label_id', 'in', labelIds)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  for (const row of rows) byLabel.set(row.label_id, [...(byLabel.get(row.label_id) ?? []), row]);
  return byLabel;
}
