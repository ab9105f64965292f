import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely, Selectable } from 'kysely';
import { z } from 'zod';
import { authorize } from '../access/project-access.js';
import { requireUser } from '../auth/require-user.js';
import type { BlobStore } from '../blobs/blob-store.js';
import { type DatabaseSchema, type DatasetVersionsTable, VERSION_SOURCES } from '../storage/schema.js';
import { DEFAULT_SPLITS } from './collect-version.js';
import { createVersion, VERSION_NAME_PATTERN } from './create-version.js';
import { loadStoredVersion, loadVersionRow } from './stored-version.js';
import { diffVersions } from './version-diff.js';

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
    .regex(VERSION_NAME_PATTERN, "letters, digits, '.', '_', '-' and spaces only"),
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
      const row = await createVersion(db, blobs, {
        projectId: access.projectId,
        userId: access.userId,
        name,
        note,
        source,
        splits: settings,
      });
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

  const loadVersion = (projectId: string, versionId: string) => loadVersionRow(db, projectId, versionId);

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
      const from = await loadStoredVersion(db, blobs, access.projectId, request.params.versionId);
      const to = await loadStoredVersion(db, blobs, access.projectId, request.params.otherId);
      return { from: from.row.name, to: to.row.name, ...diffVersions(from.manifest, to.manifest) };
    },
  );
}
