import { randomUUID } from 'node:crypto';
import type { AnnotationPayload } from '@voxelhub/core/annotation';
import type { Kysely, Transaction } from 'kysely';
import { recordLabelMapUpload } from '../annotation-blobs/annotation-blob-rows.js';
import type { AnnotationHead } from '../annotations/annotation-rows.js';
import { recordAudit } from '../audit/record-audit.js';
import type { BlobStore } from '../blobs/blob-store.js';
import { ApiError } from '../errors/api-error.js';
import { CONSENSUS_USER_ID } from '../storage/migrations/0010-quality.js';
import type { ConsensusSetMethod, ConsensusStatus, DatabaseSchema } from '../storage/schema.js';
import type { LabelConsensus } from './build-consensus.js';
import type { QualityItemRow } from './item-reading.js';
import type { ConsensusInput, ConsensusLabel } from './quality-schemas.js';

type Db = Kysely<DatabaseSchema>;

export interface NewConsensus {
  readonly item: QualityItemRow;
  readonly method: ConsensusSetMethod;
  readonly status: ConsensusStatus;
  readonly labels: readonly LabelConsensus[];
  /** The reader annotations it was made from (provenance). */
  readonly inputs: readonly AnnotationHead[];
  /** Null when a job made it. */
  readonly createdBy: string | null;
  readonly acceptedBy?: string | null;
}

/** A consensus whose label maps are stored, ready to be written in the caller's transaction. */
export interface PreparedConsensus {
  readonly consensus: NewConsensus;
  readonly prepared: { label: LabelConsensus; annotations: { id: string; payload: AnnotationPayload }[] }[];
}

/**
 * Stores a consensus's label maps in the blob store (content-addressed, so a failure after this leaves
 * at most an unreferenced blob) and records them as the consensus account's uploads. Outside any
 * transaction: SQLite has one connection, which an open transaction holds.
 */
export async function prepareConsensus(
  db: Db,
  blobs: BlobStore,
  consensus: NewConsensus,
): Promise<PreparedConsensus> {
  const { item } = consensus;
  const prepared: { label: LabelConsensus; annotations: { id: string; payload: AnnotationPayload }[] }[] = [];
  for (const label of consensus.labels) {
    const annotations: { id: string; payload: AnnotationPayload }[] = [];
    for (const a of label.annotations) {
      let payload = a.payload;
      if (a.labelMap && payload.type === 'segmentation' && payload.data.representation === 'labelMap') {
        const put = await blobs.put(a.labelMap.bytes);
        await recordLabelMapUpload(db, {
          projectId: item.project_id,
          blobKey: put.key,
          uploadedBy: CONSENSUS_USER_ID,
          size: put.size,
          dims: a.labelMap.dims,
        });
        payload = { ...payload, data: { ...payload.data, blobKey: put.key } };
      }
      annotations.push({ id: randomUUID(), payload });
    }
    prepared.push({ label, annotations });
  }
  return { consensus, prepared };
}

/**
 * Writes a prepared consensus as an annotation set, in the caller's transaction: the set with its
 * provenance and its annotations, authored by the consensus account. The item's earlier consensus, if any,
 * is superseded and its annotations deleted (as new revisions: history stays). Returns the set's id.
 */
export async function writeConsensus(
  trx: Transaction<DatabaseSchema>,
  { consensus, prepared }: PreparedConsensus,
): Promise<string> {
  const { item } = consensus;
  const setId = randomUUID();
  const now = new Date().toISOString();
  const labels: ConsensusLabel[] = prepared.map(({ label, annotations }) => ({
    ...label.entry,
    annotationIds: annotations.map((a) => a.id),
  }));
  const inputs: ConsensusInput[] = consensus.inputs.map((h) => ({
    annotationId: h.id,
    revision: h.revision,
    readerId: h.createdBy,
  }));
  await supersede(trx, item, consensus.createdBy ?? CONSENSUS_USER_ID, now);
  await trx
    .insertInto('consensus_sets')
    .values({
      id: setId,
      project_id: item.project_id,
      item_id: item.id,
      status: consensus.status,
      method: consensus.method,
      labels: JSON.stringify(labels),
      inputs: JSON.stringify(inputs),
      created_by: consensus.createdBy,
      created_at: now,
      accepted_by: consensus.status === 'accepted' ? (consensus.acceptedBy ?? null) : null,
      accepted_at: consensus.status === 'accepted' ? now : null,
    })
    .execute();
  for (const { annotations } of prepared) {
    for (const a of annotations) {
      await trx
        .insertInto('annotations')
        .values({
          id: a.id,
          project_id: item.project_id,
          task_id: null,
          image_id: item.image_id,
          series_id: item.series_id,
          label_id: a.payload.labelId,
          created_by: CONSENSUS_USER_ID,
          head_revision: 1,
          created_at: now,
          updated_at: now,
          consensus_id: setId,
        })
        .execute();
      await trx
        .insertInto('annotation_revisions')
        .values({
          annotation_id: a.id,
          revision: 1,
          base_revision: null,
          author_id: CONSENSUS_USER_ID,
          schema_version: a.payload.schemaVersion,
          payload: JSON.stringify(a.payload),
          created_at: now,
        })
        .execute();
    }
  }
  await recordAudit(trx, {
    userId: consensus.createdBy,
    projectId: item.project_id,
    action: 'quality.consensus.create',
    targetType: 'consensus_set',
    targetId: setId,
    details: {
      itemId: item.id,
      method: consensus.method,
      status: consensus.status,
      labels: labels.map((l) => ({
        labelId: l.labelId,
        method: l.method,
        annotations: l.annotationIds.length,
      })),
      inputs: inputs.length,
    },
  });
  return setId;
}

/** Marks the item's live consensus superseded and deletes its annotations by appending deleted revisions. */
async function supersede(
  trx: Transaction<DatabaseSchema>,
  item: QualityItemRow,
  authorId: string,
  now: string,
): Promise<void> {
  const sets = await trx
    .selectFrom('consensus_sets')
    .select('id')
    .where('item_id', '=', item.id)
    .where('status', '!=', 'superseded')
    .execute();
  if (sets.length === 0) return;
  const ids = sets.map((s) => s.id);
  await trx.updateTable('consensus_sets').set({ status: 'superseded' }).where('id', 'in', ids).execute();
  const heads = await trx
    .selectFrom('annotations as a')
    .innerJoin('annotation_revisions as r', (join) =>
      join.onRef('r.annotation_id', '=', 'a.id').onRef('r.revision', '=', 'a.head_revision'),
    )
    .select(['a.id', 'a.head_revision', 'r.payload', 'r.schema_version', 'r.deleted'])
    .where('a.consensus_id', 'in', ids)
    .execute();
  for (const head of heads) {
    if (head.deleted === 1) continue;
    const next = head.head_revision + 1;
    const moved = await trx
      .updateTable('annotations')
      .set({ head_revision: next, updated_at: now })
      .where('id', '=', head.id)
      .where('head_revision', '=', head.head_revision)
      .executeTakeFirst();
    if (Number(moved.numUpdatedRows) !== 1)
      throw new ApiError(
        'CONFLICT',
        `consensus annotation ${head.id} changed while its consensus was being replaced`,
      );
    await trx
      .insertInto('annotation_revisions')
      .values({
        annotation_id: head.id,
        revision: next,
        base_revision: head.head_revision,
        author_id: authorId,
        schema_version: head.schema_version,
        payload: head.payload,
        deleted: 1,
        created_at: now,
      })
      .execute();
  }
}
