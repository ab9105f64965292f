import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/record-audit.js';
import type { BlobStore } from '../blobs/blob-store.js';
import type { ItemJobKind } from '../jobs/job-kind.js';
import { parseProjectSettings } from '../projects/project-settings.js';
import type { DatabaseSchema } from '../storage/schema.js';
import { buildLabelConsensus, type LabelConsensus } from './build-consensus.js';
import { computeItemAgreement, type ItemLabel } from './item-agreement.js';
import { imageGeometryOf } from './item-geometry.js';
import { loadItemReading } from './item-reading.js';
import { AGREEMENT_JOB_KIND } from './reader-finished.js';
import { prepareConsensus, writeConsensus } from './store-consensus.js';

type Db = Kysely<DatabaseSchema>;

/** The background job that measures an item's agreement once all its readers are done. */
export const agreementJobKind: ItemJobKind = {
  kind: AGREEMENT_JOB_KIND,
  processItem: (ctx, _job, itemId) => computeAndStoreAgreement(ctx.db, ctx.blobs, itemId),
};

export async function projectLabels(db: Db, projectId: string): Promise<ItemLabel[]> {
  return db
    .selectFrom('labels')
    .select(['id', 'name', 'type', 'colour'])
    .where('project_id', '=', projectId)
    .orderBy('sort_order')
    .orderBy('name')
    .execute();
}

/**
 * Measures an item's agreement label by label and makes its consensus. Every label within its threshold
 * (and every classification with a majority): the item is 'agreed' and the consensus accepted as it is.
 * Otherwise the item is 'disputed', in the review queue, with the consensus proposed for a reviewer.
 * A failure leaves the item disputed with the error, so that a person looks at it rather than nobody.
 */
export async function computeAndStoreAgreement(
  db: Db,
  blobs: BlobStore,
  itemId: string,
  options: {
    readonly maskConsensus?: 'staple' | 'majority-vote' | undefined;
    readonly userId?: string | null;
  } = {},
): Promise<void> {
  const reading = await loadItemReading(db, itemId);
  if (!reading) return;
  const { item } = reading;
  try {
    const project = await db
      .selectFrom('projects')
      .select('settings')
      .where('id', '=', item.project_id)
      .executeTakeFirstOrThrow();
    const settings = parseProjectSettings(project.settings).quality;
    const labels = await projectLabels(db, item.project_id);
    const geometry = await imageGeometryOf(db, item.image_id);
    const agreement = await computeItemAgreement(blobs, reading, labels, settings, geometry);
    const consensus: LabelConsensus[] =
      reading.readers.length < 2
        ? []
        : agreement.materials.map((m) =>
            buildLabelConsensus(
              m,
              reading.readers,
              reading.byReader,
              settings,
              options.maskConsensus ?? settings.maskConsensus,
            ),
          );
    const adjudicate = consensus.some((c) => c.entry.needsAdjudication);
    const agreed = agreement.labels.every((l) => l.passed) && !adjudicate;
    const now = new Date().toISOString();
    const prepared =
      consensus.length === 0
        ? undefined
        : await prepareConsensus(db, blobs, {
            item,
            method: 'automatic',
            status: agreed ? 'accepted' : 'proposed',
            labels: consensus,
            inputs: [...reading.byReader.values()].flat(),
            createdBy: options.userId ?? null,
          });
    await db.transaction().execute(async (trx) => {
      const consensusId = prepared ? await writeConsensus(trx, prepared) : null;
      await trx
        .updateTable('quality_items')
        .set({
          status: agreed ? 'agreed' : 'disputed',
          agreement: JSON.stringify({ labels: agreement.labels, error: null }),
          worst: agreement.worst,
          computed_at: now,
          updated_at: now,
        })
        .where('id', '=', item.id)
        .execute();
      await recordAudit(trx, {
        userId: options.userId ?? null,
        projectId: item.project_id,
        action: 'quality.agreement.computed',
        targetType: 'quality_item',
        targetId: item.id,
        details: {
          status: agreed ? 'agreed' : 'disputed',
          readers: reading.readers,
          consensusId,
          labels: agreement.labels.map((l) => ({
            labelId: l.labelId,
            metric: l.metric,
            value: l.value,
            passed: l.passed,
          })),
        },
      });
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const now = new Date().toISOString();
    await db
      .updateTable('quality_items')
      .set({
        status: 'disputed',
        agreement: JSON.stringify({ labels: [], error: message }),
        worst: 0,
        computed_at: now,
        updated_at: now,
      })
      .where('id', '=', item.id)
      .execute();
    throw error;
  }
}
