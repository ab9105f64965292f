import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { authorize, type ProjectAccess } from '../access/project-access.js';
import { annotationFromRow } from '../annotations/annotation-rows.js';
import { requireUser } from '../auth/require-user.js';
import type { BlobStore } from '../blobs/blob-store.js';
import { ApiError } from '../errors/api-error.js';
import type { DatabaseSchema } from '../storage/schema.js';
import { computeAndStoreAgreement } from './agreement-job.js';
import { createReadingItems } from './create-reading-items.js';
import { itemsOutput } from './item-output.js';
import { itemHeads, loadItemReading } from './item-reading.js';
import { maskSlicePng } from './mask-slice-png.js';
import { maskSlices } from './mask-slices.js';
import { qualityReport } from './quality-report.js';
import {
  type ConsensusOutput,
  consensusBody,
  consensusInput,
  consensusLabel,
  consensusOutput,
  createItemsBody,
  decisionBody,
  itemDetailOutput,
  itemParams,
  listItemsQuery,
  maskParams,
  maskQuery,
  projectParams,
  qualityItemOutput,
} from './quality-schemas.js';
import { insertAgreementJob } from './reader-finished.js';
import { decideItem } from './review-decision.js';

type Db = Kysely<DatabaseSchema>;

export interface QualityRoutesOptions {
  readonly db: Db;
  readonly blobs: BlobStore;
  /** Called when an agreement job was queued, to wake the job worker. */
  readonly onQueued?: () => void;
}

/**
 * Multi-reader quality under /api/projects/:projectId: items read by several readers, their agreement,
 * the review queue and decisions, consensus, and the dashboard. Register with `{ prefix: '/api', ... }`.
 */
export async function qualityRoutes(base: FastifyInstance, options: QualityRoutesOptions): Promise<void> {
  const { db, blobs } = options;
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.addHook('preValidation', requireUser);
  const tags = ['quality'];

  app.post(
    '/projects/:projectId/items',
    {
      schema: {
        tags,
        summary:
          'Create items read by several readers: one task per reader, assigned by the project strategy',
        params: projectParams,
        body: createItemsBody,
        response: { 201: z.object({ items: z.array(qualityItemOutput) }) },
      },
    },
    async (request, reply) => {
      const access = await authorize(db, request, request.params.projectId, 'quality.manage');
      const ids = await createReadingItems(db, access, request.body.items);
      const rows = await db.selectFrom('quality_items').selectAll().where('id', 'in', ids).execute();
      const byId = new Map(rows.map((r) => [r.id, r]));
      return reply.status(201).send({
        items: await itemsOutput(
          db,
          ids.map((id) => byId.get(id)!),
        ),
      });
    },
  );

  app.get(
    '/projects/:projectId/items',
    {
      schema: {
        tags,
        summary: 'Quality items, worst agreement first for the disputed ones (the review queue)',
        params: projectParams,
        querystring: listItemsQuery,
        response: { 200: z.object({ items: z.array(qualityItemOutput), total: z.number().int() }) },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.projectId, 'quality.read');
      const { status, imageId, seriesId, limit, offset } = request.query;
      let query = db.selectFrom('quality_items').where('project_id', '=', access.projectId);
      if (status) query = query.where('status', '=', status);
      if (imageId) query = query.where('image_id', '=', imageId);
      if (seriesId) query = query.where('series_id', '=', seriesId);
      const total = Number(
        (await query.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n,
      );
      let rows = query.selectAll();
      rows =
        status === 'disputed'
          ? rows.orderBy('worst').orderBy('created_at').orderBy('id')
          : rows.orderBy('created_at', 'desc').orderBy('id');
      const page = await rows.limit(limit).offset(offset).execute();
      return { items: await itemsOutput(db, page), total };
    },
  );

  app.get(
    '/projects/:projectId/items/:itemId',
    {
      schema: {
        tags,
        summary: "An item with each reader's annotations and its consensus",
        params: itemParams,
        response: { 200: itemDetailOutput },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.projectId, 'quality.read');
      return itemDetail(db, blobs, access, request.params.itemId);
    },
  );

  app.post(
    '/projects/:projectId/items/:itemId/decision',
    {
      schema: {
        tags,
        summary: "Accept a reader's annotations or the consensus, or send the item back to its readers",
        params: itemParams,
        body: decisionBody,
        response: { 200: z.object({ item: qualityItemOutput, consensus: consensusOutput.nullable() }) },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.projectId, 'quality.review');
      await decideItem(db, blobs, access, request.params.itemId, request.body);
      const detail = await itemDetail(db, blobs, access, request.params.itemId);
      return { item: detail.item, consensus: detail.consensus };
    },
  );

  app.post(
    '/projects/:projectId/items/:itemId/consensus',
    {
      schema: {
        tags,
        summary: 'Make the proposed consensus again, with another mask method',
        params: itemParams,
        body: consensusBody,
        response: { 200: z.object({ consensus: consensusOutput.nullable() }) },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.projectId, 'quality.review');
      const item = await db
        .selectFrom('quality_items')
        .selectAll()
        .where('id', '=', request.params.itemId)
        .where('project_id', '=', access.projectId)
        .executeTakeFirst();
      if (!item) throw new ApiError('NOT_FOUND', `no quality item ${request.params.itemId} in this project`);
      if (item.status !== 'disputed')
        throw new ApiError(
          'CONFLICT',
          `item ${item.id} is ${item.status}; only a disputed item's consensus is remade`,
        );
      await computeAndStoreAgreement(db, blobs, item.id, {
        maskConsensus: request.body.method,
        userId: access.userId,
      });
      return { consensus: (await itemDetail(db, blobs, access, item.id)).consensus };
    },
  );

  app.get(
    '/projects/:projectId/items/:itemId/masks/:labelId',
    {
      schema: {
        tags,
        summary: "One slice of a reader's or the consensus's mask of a label, as a PNG (255 where set)",
        params: maskParams,
        querystring: maskQuery,
      },
    },
    async (request, reply) => {
      const access = await authorize(db, request, request.params.projectId, 'quality.read');
      const labelId = request.params.labelId.replace(/\.png$/, '');
      const png = await maskSlicePng(
        db,
        blobs,
        access.projectId,
        request.params.itemId,
        labelId,
        request.query.source,
        request.query.slice,
      );
      reply.header('cache-control', 'no-store');
      return reply.type('image/png').send(Buffer.from(png));
    },
  );

  app.get(
    '/projects/:projectId/quality',
    {
      schema: {
        tags,
        summary: 'The quality dashboard: agreement per label, per annotator, over time',
        params: projectParams,
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.projectId, 'quality.read');
      return qualityReport(db, access.projectId, access.settings);
    },
  );

  app.post(
    '/projects/:projectId/quality/recompute',
    {
      schema: {
        tags,
        summary: 'Measure again every item whose readers are all done (after a threshold changed, say)',
        params: projectParams,
        response: { 202: z.object({ jobId: z.string().nullable(), items: z.number().int() }) },
      },
    },
    async (request, reply) => {
      const access = await authorize(db, request, request.params.projectId, 'quality.manage');
      const items = await db
        .selectFrom('quality_items')
        .select('id')
        .where('project_id', '=', access.projectId)
        .where('status', 'in', ['agreed', 'disputed'])
        .execute();
      if (items.length === 0) return reply.status(202).send({ jobId: null, items: 0 });
      const jobId = await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('quality_items')
          .set({ status: 'computing' })
          .where(
            'id',
            'in',
            items.map((i) => i.id),
          )
          .execute();
        return insertAgreementJob(
          trx,
          access.projectId,
          access.userId,
          items.map((i) => i.id),
        );
      });
      options.onQueued?.();
      return reply.status(202).send({ jobId, items: items.length });
    },
  );
}

async function itemDetail(db: Db, blobs: BlobStore, access: ProjectAccess, itemId: string) {
  const reading = await loadItemReading(db, itemId);
  if (!reading || reading.item.project_id !== access.projectId)
    throw new ApiError('NOT_FOUND', `no quality item ${itemId} in this project`);
  const [item] = await itemsOutput(db, [reading.item]);
  const set = await db
    .selectFrom('consensus_sets')
    .selectAll()
    .where('item_id', '=', itemId)
    .where('status', '!=', 'superseded')
    .executeTakeFirst();
  let consensus: ConsensusOutput | null = null;
  let consensusAnnotations: ReturnType<typeof annotationFromRow>[] = [];
  if (set) {
    consensus = {
      id: set.id,
      itemId: set.item_id,
      status: set.status,
      method: set.method,
      labels: z.array(consensusLabel).parse(JSON.parse(set.labels)),
      inputs: z.array(consensusInput).parse(JSON.parse(set.inputs)),
      createdBy: set.created_by,
      createdAt: set.created_at,
      acceptedBy: set.accepted_by,
      acceptedAt: set.accepted_at,
    };
    consensusAnnotations = (
      await itemHeads(db, reading.item).where('a.consensus_id', '=', set.id).execute()
    ).map(annotationFromRow);
  }
  return {
    item: item!,
    annotations: reading.readers.map((readerId) => ({
      readerId,
      annotations: reading.byReader.get(readerId) ?? [],
    })),
    consensus,
    consensusAnnotations,
    maskSlices: await maskSlices(db, blobs, reading, consensusAnnotations),
  };
}
