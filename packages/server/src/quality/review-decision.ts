import { labelMapFromNifti } from '@voxelhub/core/segmentation';
import type { Kysely } from 'kysely';
import type { ProjectAccess } from '../access/project-access.js';
import { invalidReference } from '../annotations/invalid-reference.js';
import { recordAudit } from '../audit/record-audit.js';
import type { BlobStore } from '../blobs/blob-store.js';
import { ApiError } from '../errors/api-error.js';
import type { DatabaseSchema, QualityItemStatus } from '../storage/schema.js';
import type { ConsensusAnnotation, LabelConsensus } from './build-consensus.js';
import { loadItemReading, type QualityItemRow } from './item-reading.js';
import type { DecisionBody } from './quality-schemas.js';
import { prepareConsensus, writeConsensus } from './store-consensus.js';

type Db = Kysely<DatabaseSchema>;

const DECIDABLE: readonly QualityItemStatus[] = ['disputed', 'agreed'];

/**
 * A reviewer's decision on an item: accept one reader's annotations as the ground truth, accept the
 * proposed consensus (as edited in the viewer), or send the item back to some or all of its readers with a
 * comment. Each is one transaction guarded on the item's status, so two reviewers can't both decide: the
 * second gets CONFLICT. Every decision is in the audit log with its comment.
 */
export async function decideItem(
  db: Db,
  blobs: BlobStore,
  access: ProjectAccess,
  itemId: string,
  decision: DecisionBody,
): Promise<void> {
  const reading = await loadItemReading(db, itemId);
  if (!reading || reading.item.project_id !== access.projectId)
    throw new ApiError('NOT_FOUND', `no quality item ${itemId} in this project`);
  const { item } = reading;
  if (!DECIDABLE.includes(item.status))
    throw new ApiError(
      'CONFLICT',
      `item ${itemId} is ${item.status}; only disputed or agreed items can be decided`,
      { status: item.status },
    );
  switch (decision.action) {
    case 'accept-reader': {
      if (!reading.readers.includes(decision.readerId))
        throw invalidReference('body.readerId', `user ${decision.readerId} did not finish reading this item`);
      const heads = reading.byReader.get(decision.readerId) ?? [];
      const labels: LabelConsensus[] = [];
      for (const labelId of new Set(heads.map((h) => h.labelId))) {
        const annotations: ConsensusAnnotation[] = [];
        for (const head of heads.filter((h) => h.labelId === labelId)) {
          const p = head.payload;
          if (p.type === 'segmentation' && p.data.representation === 'labelMap') {
            const bytes = await blobs.getBytes(p.data.blobKey);
            annotations.push({
              payload: p,
              labelMap: { bytes, dims: [...labelMapFromNifti(bytes).map.dims] },
            });
          } else annotations.push({ payload: p });
        }
        labels.push({
          entry: { labelId, method: 'reader-accepted', parameters: { readerId: decision.readerId } },
          annotations,
        });
      }
      const prepared = await prepareConsensus(db, blobs, {
        item,
        method: 'reader-accepted',
        status: 'accepted',
        labels,
        inputs: heads,
        createdBy: access.userId,
        acceptedBy: access.userId,
      });
      await db.transaction().execute(async (trx) => {
        await moveItem(trx, item, 'resolved');
        await writeConsensus(trx, prepared);
        await auditDecision(trx, access, item, 'accept-reader', {
          readerId: decision.readerId,
          comment: decision.comment ?? '',
        });
      });
      return;
    }
    case 'accept-consensus': {
      await db.transaction().execute(async (trx) => {
        const set = await trx
          .selectFrom('consensus_sets')
          .select(['id', 'method'])
          .where('item_id', '=', item.id)
          .where('status', '!=', 'superseded')
          .executeTakeFirst();
        if (!set)
          throw new ApiError(
            'CONFLICT',
            `item ${item.id} has no consensus to accept; accept a reader's instead`,
          );
        const edited = await trx
          .selectFrom('annotations')
          .select('id')
          .where('consensus_id', '=', set.id)
          .where('head_revision', '>', 1)
          .limit(1)
          .executeTakeFirst();
        const now = new Date().toISOString();
        await trx
          .updateTable('consensus_sets')
          .set({
            status: 'accepted',
            accepted_by: access.userId,
            accepted_at: now,
            method: edited ? 'reviewer-edited' : set.method,
          })
          .where('id', '=', set.id)
          .execute();
        await moveItem(trx, item, 'resolved');
        await auditDecision(trx, access, item, 'accept-consensus', {
          consensusId: set.id,
          edited: edited !== undefined,
          comment: decision.comment ?? '',
        });
      });
      return;
    }
    case 'send-back': {
      const readers = decision.readerIds ?? reading.readers;
      const tasks = await db
        .selectFrom('tasks')
        .select(['id', 'assignee_id', 'status'])
        .where('item_id', '=', item.id)
        .execute();
      const chosen = readers.map((reader, i) => {
        const task = tasks.find((t) => t.assignee_id === reader);
        if (!task)
          throw invalidReference(`body.readerIds.${i}`, `user ${reader} is not a reader of this item`);
        return task;
      });
      await db.transaction().execute(async (trx) => {
        await moveItem(trx, item, 'sent_back');
        const now = new Date().toISOString();
        for (const task of chosen) {
          await trx
            .updateTable('tasks')
            .set({ status: 'in_progress', completed_at: null, updated_at: now })
            .where('id', '=', task.id)
            .execute();
          await trx
            .insertInto('reviews')
            .values({
              id: crypto.randomUUID(),
              project_id: access.projectId,
              annotation_id: null,
              annotation_revision: null,
              task_id: task.id,
              reviewer_id: access.userId,
              decision: 'changes_requested',
              comment: decision.comment,
              created_at: now,
            })
            .execute();
        }
        await auditDecision(trx, access, item, 'send-back', { readers, comment: decision.comment });
      });
      return;
    }
  }
}

async function moveItem(trx: Db, item: QualityItemRow, to: QualityItemStatus): Promise<void> {
  const result = await trx
    .updateTable('quality_items')
    .set({ status: to, updated_at: new Date().toISOString() })
    .where('id', '=', item.id)
    .where('status', '=', item.status)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1)
    throw new ApiError('CONFLICT', `item ${item.id} changed while you were deciding on it; reload it`);
}

async function auditDecision(
  trx: Db,
  access: ProjectAccess,
  item: QualityItemRow,
  action: 'accept-reader' | 'accept-consensus' | 'send-back',
  details: Record<string, unknown>,
): Promise<void> {
  await recordAudit(trx, {
    userId: access.userId,
    projectId: access.projectId,
    action: `quality.decision.${action}`,
    targetType: 'quality_item',
    targetId: item.id,
    details: { from: item.status, ...details },
  });
}
