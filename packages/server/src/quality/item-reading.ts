import type { Kysely, Selectable } from 'kysely';
import { type AnnotationHead, annotationFromRow, selectHeads } from '../annotations/annotation-rows.js';
import type { DatabaseSchema, QualityItemsTable } from '../storage/schema.js';

type Db = Kysely<DatabaseSchema>;
export type QualityItemRow = Selectable<QualityItemsTable>;

/** What an item's readers produced: who finished reading it, and their annotations of it. */
export interface ItemReading {
  readonly item: QualityItemRow;
  /** Readers whose task is done, in the order they were assigned; skipped readers are left out. */
  readonly readers: string[];
  /** How many readers the item was given (its tasks). */
  readonly assigned: number;
  readonly byReader: Map<string, AnnotationHead[]>;
}

export async function loadItemReading(db: Db, itemId: string): Promise<ItemReading | undefined> {
  const item = await db.selectFrom('quality_items').selectAll().where('id', '=', itemId).executeTakeFirst();
  if (!item) return undefined;
  const tasks = await db
    .selectFrom('tasks')
    .select(['assignee_id', 'status'])
    .where('item_id', '=', itemId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const readers = [
    ...new Set(tasks.filter((t) => t.status === 'done' && t.assignee_id).map((t) => t.assignee_id!)),
  ];
  const byReader = new Map<string, AnnotationHead[]>(readers.map((r) => [r, []]));
  if (readers.length > 0) {
    const rows = await itemHeads(db, item)
      .where('a.created_by', 'in', readers)
      .where('a.consensus_id', 'is', null)
      .execute();
    for (const row of rows) byReader.get(row.created_by)?.push(annotationFromRow(row));
  }
  return { item, readers, assigned: tasks.length, byReader };
}

/** The live (not deleted) heads on the item's image or series, oldest first. */
export function itemHeads(db: Db, item: QualityItemRow) {
  return selectHeads(db)
    .where('a.project_id', '=', item.project_id)
    .where(item.image_id ? 'a.image_id' : 'a.series_id', '=', (item.image_id ?? item.series_id)!)
    .where('r.deleted', '=', 0)
    .orderBy('a.created_at')
    .orderBy('a.id');
}
