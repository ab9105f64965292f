import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../storage/schema.js';

/** The highest sort_order of the project's labels (0 for none): labels added after it go at the end. */
export async function lastLabelOrder(db: Kysely<DatabaseSchema>, projectId: string): Promise<number> {
  const last = await db
    .selectFrom('labels')
    .select((eb) => eb.fn.max('sort_order').as('max'))
    .where('project_id', '=', projectId)
    .executeTakeFirst();
  return Number(last?.max ?? 0);
}
