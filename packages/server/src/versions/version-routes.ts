import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely, Selectable } from 'kysely';
import { z } from 'zod';
import { authorize } from '../access/project-access.js';
import { recordAudit } from '../audit/record-audit.js';
import { requireUser } from '../auth/require-user.js';
import type { BlobStore } from '../blobs/blob-store.js';
import { ApiError } from '../errors/api-error.js';
import { constraintViolation } from '../storage/constraint-violation.js';
import { type DatabaseSchema, type DatasetVersionsTable, VERSION_SOURCES } from '../storage/schema.js';
import { collectVersion, DEFAULT_SPLITS } from './collect-version.js';
import { diffVersions } from './version-diff.js';
import { canonicalJson, manifestHash, type VersionManifest } from './version-manifest.js';

type Db = Kysely<DatabaseSchema>;

const projectParams = z.object({ projectId: z.uuid() });
const versionParams = projectParams.extend({ versionId: z.uuid() });
const diffParams = versionParams.extend({ otherId: z.uuid() });

const fraction = z.number().min(0).max(1);
const createVersionBody = z.strictObject({
  /** Letters, digits, '.', '_', '-' and spaces: names go into file names and citations. */
  name: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .regex(/^[A-Za-z0-9._\- ]+$/, "letters, digits, '.', '_', '-' and spaces only"),
  note: z.string().max(10_000).default(''),
  source: z.enum(VERSION_SOURCES).default('consensus'),
  splits: z
    .strictObject({
      seed: z.number().int().min(0).max(0xffffffff).default(DEFAULT_SPLITS.seed),
      train: fraction,
      validation: fraction,
      test: fraction,
    })
    .refine((f) => Math.abs(f.train + f.validation + f.test - 1) <= 1e-9, {
      message: 'train, validation and test must add up to 1',
    })
    .optional(),
});

const versionOutput = z.object({
  id: z.string(),
  projectId: z.string(),
  name: z.string(),
  note: z.string(),
  source: z.enum(VERSION_SOURCES),
  contentHash: z.string(),
  counts: z.record(z.string(), z.unknown()),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});

const idChanges = z.object({
  added: z.array(z.string()),
  removed: z.array(z.string()),
  changed: z.array(z.string()),
});

function versionFromRow(row: Selectable<DatasetVersionsTable>) {
  return {
    id: row.id,
    projectId: row.project_id,
    name: row.name,
    note: row.note,
    source: row.source,
    contentHash: row.content_hash,
    counts: JSON.parse(row.counts) as Record<string, unknown>,
    createdBy: row.created_by,
    createdAt: row.created_at,
  };
}

/**
 * Dataset versions under /api/projects/:projectId/versions: freeze the project's consensus (or approved,
 * or all) annotations with their splits into an immutable, content-hashed manifest; list, read and diff
 * them. Register with `{ prefix: '/api', db, blobs }`.
 */
export async function versionRoutes(
  base: FastifyInstance,
  { db, blobs }: { db: Db; blobs: BlobStore },
): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.addHook('preValidation', requireUser);
  const tags = ['versions'];

  app.post(
    '/projects/:projectId/versions',
    {
      schema: {
        tags,
        summary: 'Freeze the project into a named, content-hashed, immutable dataset version',
        params: projectParams,
        body: createVersionBody,
        response: { 201: z.object({ version: versionOutput }) },
      },
    },
    async (request, reply) => {
      const access = await authorize(db, request, request.params.projectId, 'versions.create');
      const { name, note, source, splits } = request.body;
      const settings = splits
        ? {
            seed: splits.seed,
            fractions: { train: splits.train, validation: splits.validation, test: splits.test },
          }
        : DEFAULT_SPLITS;
      const manifest = await collectVersion(db, access.projectId, source, settings);
      const contentHash = manifestHash(manifest);
      const put = await blobs.put(new TextEncoder().encode(canonicalJson(manifest)));
      const counts = {
        cases: manifest.cases.length,
        subjects: new Set(manifest.cases.map((c) => c.subjectId)).size,
        labels: manifest.labels.length,
        annotations: manifest.annotations.length,
        splits: Object.fromEntries(
          ['train', 'validation', 'test'].map((s) => [s, manifest.cases.filter((c) => c.split === s).length]),
        ),
      };
      const id = randomUUID();
      await db
        .transaction()
        .execute(async (trx) => {
          await trx
            .insertInto('dataset_versions')
            .values({
              id,
              project_id: access.projectId,
              name,
              note,
              source,
              content_hash: contentHash,
              manifest_blob_key: put.key,
              counts: JSON.stringify(counts),
              created_by: access.userId,
              created_at: new Date().toISOString(),
            })
            .execute();
          await recordAudit(trx, {
            userId: access.userId,
            projectId: access.projectId,
            action: 'version.create',
            targetType: 'dataset_version',
            targetId: id,
            details: { name, source, contentHash, counts },
          });
        })
        .catch((error: unknown) => {
          if (constraintViolation(error) === 'unique')
            throw new ApiError('CONFLICT', `the project already has a version named '${name}'`);
          throw error;
        });
      const row = await db
        .selectFrom('dataset_versions')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      return reply.status(201).send({ version: versionFromRow(row) });
    },
  );

  app.get(
    '/projects/:projectId/versions',
    {
      schema: {
        tags,
        summary: "The project's dataset versions, newest first",
        params: projectParams,
        response: { 200: z.object({ versions: z.array(versionOutput) }) },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.projectId, 'versions.read');
      const rows = await db
        .selectFrom('dataset_versions')
        .selectAll()
        .where('project_id', '=', access.projectId)
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .execute();
      return { versions: rows.map(versionFromRow) };
    },
  );

  const loadVersion = async (projectId: string, versionId: string) => {
    const row = await db
      .selectFrom('dataset_versions')
      .selectAll()
      .where('project_id', '=', projectId)
      .where('id', '=', versionId)
      .executeTakeFirst();
    if (!row) throw new ApiError('NOT_FOUND', `no dataset version ${versionId} in this project`);
    return row;
  };
  const loadManifest = async (row: Selectable<DatasetVersionsTable>): Promise<VersionManifest> =>
    JSON.parse(new TextDecoder().decode(await blobs.getBytes(row.manifest_blob_key))) as VersionManifest;

  app.get(
    '/projects/:projectId/versions/:versionId',
    {
      schema: {
        tags,
        summary: 'One dataset version',
        params: versionParams,
        response: { 200: z.object({ version: versionOutput }) },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.projectId, 'versions.read');
      return { version: versionFromRow(await loadVersion(access.projectId, request.params.versionId)) };
    },
  );

  app.get(
    '/projects/:projectId/versions/:versionId/manifest',
    {
      schema: {
        tags,
        summary: "The version's manifest: its cases, labels, annotations and splits (canonical JSON)",
        params: versionParams,
      },
    },
    async (request, reply) => {
      const access = await authorize(db, request, request.params.projectId, 'versions.read');
      const row = await loadVersion(access.projectId, request.params.versionId);
      reply.header('x-content-hash', row.content_hash);
      return reply.type('application/json').send(Buffer.from(await blobs.getBytes(row.manifest_blob_key)));
    },
  );

  app.get(
    '/projects/:projectId/versions/:versionId/diff/:otherId',
    {
      schema: {
        tags,
        summary: 'What changed from this version to another: cases, labels, annotations, splits',
        params: diffParams,
        response: {
          200: z.object({
            from: z.string(),
            to: z.string(),
            cases: idChanges,
            labels: idChanges,
            annotations: idChanges,
            movedBetweenSplits: z.array(z.object({ id: z.string(), from: z.string(), to: z.string() })),
          }),
        },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.projectId, 'versions.read');
      const from = await loadVersion(access.projectId, request.params.versionId);
      const to = await loadVersion(access.projectId, request.params.otherId);
      return {
        from: from.name,
        to: to.name,
        ...diffVersions(await loadManifest(from), await loadManifest(to)),
      };
    },
  );
}
