import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ProjectAccess } from '../access/project-access.js';
import { type AnnotationTarget, resolveTarget } from '../annotations/annotation-target.js';
import { invalidReference } from '../annotations/invalid-reference.js';
import { recordAudit } from '../audit/record-audit.js';
import { ApiError } from '../errors/api-error.js';
import type { DatabaseSchema } from '../storage/schema.js';
import { assignReaders } from './assign-readers.js';

type Db = Kysely<DatabaseSchema>;

export interface ItemTarget {
  readonly imageId?: string | undefined;
  readonly seriesId?: string | undefined;
}

/**
 * Creates one quality item per image or series, each with `readersPerItem` tasks for different
 * annotators chosen by the project's assignment strategy, all in one transaction. An image or series that
 * is already an item is refused (CONFLICT): its readers would otherwise be compared twice.
 */
export async function createReadingItems(
  db: Db,
  access: ProjectAccess,
  targets: readonly ItemTarget[],
): Promise<string[]> {
  const { readersPerItem, assignment } = access.settings;
  const resolved: AnnotationTarget[] = [];
  const already: { index: number; imageId: string | null; seriesId: string | null; itemId: string }[] = [];
  for (const [i, target] of targets.entries()) {
    const t = await asImageWhenAlone(
      db,
      await resolveTarget(db, access.projectId, target, `body.items.${i}`),
    );
    const existing = await db
      .selectFrom('quality_items')
      .select('id')
      .where('project_id', '=', access.projectId)
      .where(t.imageId ? 'image_id' : 'series_id', '=', (t.imageId ?? t.seriesId)!)
      .executeTakeFirst();
    if (existing) already.push({ index: i, imageId: t.imageId, seriesId: t.seriesId, itemId: existing.id });
    resolved.push(t);
  }
  // Every one is named, so a client can drop them all and send the rest in one more request.
  if (already.length > 0) {
    const first = already[0]!;
    const what = `${first.imageId ? 'image' : 'series'} ${first.imageId ?? first.seriesId}`;
    const more = already.length > 1 ? ` (and ${already.length - 1} more; see details.existing)` : '';
    throw new ApiError('CONFLICT', `${what} is already item ${first.itemId}${more}`, { existing: already });
  }
  const readers = await projectReaders(db, access.projectId);
  let assigned: string[][];
  try {
    assigned = assignReaders({
      readers,
      items: resolved.length,
      readersPerItem,
      strategy: assignment,
      handedOut: await itemTasksSoFar(db, access.projectId),
      openTasks: await openTaskCounts(db, access.projectId),
    });
  } catch (error) {
    throw invalidReference('body.items', (error as Error).message);
  }
  const ids = resolved.map(() => randomUUID());
  const start = Date.now();
  await db.transaction().execute(async (trx) => {
    for (const [i, target] of resolved.entries()) {
      const at = new Date(start + i).toISOString();
      await trx
        .insertInto('quality_items')
        .values({
          id: ids[i]!,
          project_id: access.projectId,
          image_id: target.imageId,
          series_id: target.seriesId,
          created_at: at,
          updated_at: at,
        })
        .execute();
      for (const reader of assigned[i]!) {
        await trx
          .insertInto('tasks')
          .values({
            id: randomUUID(),
            project_id: access.projectId,
            image_id: target.imageId,
            series_id: target.seriesId,
            assignee_id: reader,
            item_id: ids[i]!,
            created_at: at,
            updated_at: at,
          })
          .execute();
      }
      await recordAudit(trx, {
        userId: access.userId,
        projectId: access.projectId,
        action: 'quality.item.create',
        targetType: 'quality_item',
        targetId: ids[i]!,
        details: {
          imageId: target.imageId,
          seriesId: target.seriesId,
          readers: assigned[i],
          strategy: assignment,
        },
      });
    }
  });
  return ids;
}

/** The project's annotators, in the order they joined: the readers items are dealt to. */
async function projectReaders(db: Db, projectId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('members')
    .innerJoin('users', 'users.id', 'members.user_id')
    .select('members.user_id')
    .where('members.project_id', '=', projectId)
    .where('members.role', '=', 'annotator')
    .where('users.disabled', '=', 0)
    .orderBy('members.created_at')
    .orderBy('members.user_id')
    .execute();
  return rows.map((row) => row.user_id);
}

async function itemTasksSoFar(db: Db, projectId: string): Promise<number> {
  const row = await db
    .selectFrom('tasks')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('project_id', '=', projectId)
    .where('item_id', 'is not', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function openTaskCounts(db: Db, projectId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('tasks')
    .select(['assignee_id', (eb) => eb.fn.countAll().as('n')])
    .where('project_id', '=', projectId)
    .where('status', 'in', ['todo', 'in_progress'])
    .where('assignee_id', 'is not', null)
    .groupBy('assignee_id')
    .execute();
  return new Map(rows.map((row) => [row.assignee_id!, Number(row.n)]));
}

/**
 * A series of one image (a radiograph, a cine) is read as that image: the viewer saves its annotations on
 * the image, so an item on the series would find nothing to compare.
 */
async function asImageWhenAlone(db: Db, target: AnnotationTarget): Promise<AnnotationTarget> {
  if (!target.seriesId) return target;
  const images = await db
    .selectFrom('images')
    .select('id')
    .where('series_id', '=', target.seriesId)
    .limit(2)
    .execute();
  if (images.length !== 1) return target;
  return { imageId: images[0]!.id, seriesId: null, enclosingSeriesId: target.seriesId };
}
