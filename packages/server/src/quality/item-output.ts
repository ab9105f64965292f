import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../storage/schema.js';
import { parseImageGeometry } from './item-geometry.js';
import type { QualityItemRow } from './item-reading.js';
import { type QualityItemOutput, storedAgreement } from './quality-schemas.js';

type Db = Kysely<DatabaseSchema>;

/** Items as the API shows them: with their readers, viewer coordinates and live consensus. */
export async function itemsOutput(db: Db, rows: readonly QualityItemRow[]): Promise<QualityItemOutput[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const tasks = await db
    .selectFrom('tasks')
    .innerJoin('users', 'users.id', 'tasks.assignee_id')
    .select(['tasks.id', 'tasks.item_id', 'tasks.assignee_id', 'tasks.status', 'users.display_name'])
    .where('tasks.item_id', 'in', ids)
    .orderBy('tasks.created_at')
    .orderBy('tasks.id')
    .execute();
  const sets = await db
    .selectFrom('consensus_sets')
    .select(['id', 'item_id'])
    .where('item_id', 'in', ids)
    .where('status', '!=', 'superseded')
    .execute();
  const seriesIds = new Set<string>();
  const imageSeries = new Map<string, string | null>();
  const imageFacts = new Map<string, { format: string; dims: number[] | null }>();
  const imageIds = rows.flatMap((r) => (r.image_id ? [r.image_id] : []));
  if (imageIds.length > 0) {
    const images = await db
      .selectFrom('images')
      .select(['id', 'series_id', 'format', 'geometry'])
      .where('id', 'in', imageIds)
      .execute();
    for (const image of images) {
      imageSeries.set(image.id, image.series_id);
      imageFacts.set(image.id, { format: image.format, dims: dimsOf(image.geometry) });
    }
  }
  for (const r of rows) {
    const s = r.series_id ?? (r.image_id ? imageSeries.get(r.image_id) : null);
    if (s) seriesIds.add(s);
  }
  const uids = new Map<string, { studyUid: string; seriesUid: string }>();
  if (seriesIds.size > 0) {
    const series = await db
      .selectFrom('series')
      .innerJoin('studies', 'studies.id', 'series.study_id')
      .select(['series.id', 'series.series_instance_uid', 'studies.study_instance_uid'])
      .where('series.id', 'in', [...seriesIds])
      .execute();
    for (const s of series)
      uids.set(s.id, { studyUid: s.study_instance_uid, seriesUid: s.series_instance_uid });
  }
  return rows.map((row) => {
    const seriesId = row.series_id ?? (row.image_id ? imageSeries.get(row.image_id) : null) ?? null;
    const u = seriesId ? uids.get(seriesId) : undefined;
    const stored = row.agreement === null ? null : storedAgreement.parse(JSON.parse(row.agreement));
    return {
      id: row.id,
      imageId: row.image_id,
      seriesId: row.series_id,
      studyUid: u?.studyUid ?? null,
      seriesUid: u?.seriesUid ?? null,
      format: row.image_id ? (imageFacts.get(row.image_id)?.format ?? null) : null,
      dims: row.image_id ? (imageFacts.get(row.image_id)?.dims ?? null) : null,
      status: row.status,
      readers: tasks
        .filter((t) => t.item_id === row.id)
        .map((t) => ({
          userId: t.assignee_id!,
          displayName: t.display_name,
          taskId: t.id,
          taskStatus: t.status,
        })),
      agreement: stored?.labels ?? null,
      error: stored?.error ?? null,
      computedAt: row.computed_at,
      worst: row.worst,
      consensusId: sets.find((s) => s.item_id === row.id)?.id ?? null,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  });
}

function dimsOf(geometry: string): number[] | null {
  const parsed = parseImageGeometry(JSON.parse(geometry));
  return parsed ? [...parsed.dims] : null;
}
