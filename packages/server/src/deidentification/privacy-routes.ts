import { subjectMappingCsv } from '@voxelhub/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { authorize, type ProjectAccess } from '../access/project-access.js';
import { recordAudit } from '../audit/record-audit.js';
import { requireUser } from '../auth/require-user.js';
import type { BlobStore } from '../blobs/blob-store.js';
import { projectParams } from '../projects/project-schemas.js';
import type { DatabaseSchema } from '../storage/schema.js';
import type { ProjectVault } from '../vault/project-vault.js';
import { acceptHeldImage, listHeldImages, rejectHeldImage, renderHeldImage } from './held-images.js';

type Db = Kysely<DatabaseSchema>;

const heldParams = projectParams.extend({ heldId: z.uuid() });
const region = z.object({
  x: z.number().int().min(0),
  y: z.number().int().min(0),
  width: z.number().int().min(1),
  height: z.number().int().min(1),
});
const heldImage = z.object({
  id: z.string(),
  format: z.string(),
  modality: z.string().nullable(),
  reasons: z.array(z.string()),
  blanked: z.array(region),
  createdAt: z.string(),
});
const subject = z.object({
  pseudonym: z.string(),
  patientId: z.string(),
  patientName: z.string(),
  issuerOfPatientId: z.string(),
});

export interface PrivacyRoutesOptions {
  readonly db: Db;
  readonly blobs: BlobStore;
  readonly vault: ProjectVault;
}

/**
 * What de-identification on import leaves for people: the re-identification mapping and the project key
 * (owners only, every read audited), and the images held for review of burned-in text (managers).
 */
export async function privacyRoutes(base: FastifyInstance, { db, blobs, vault }: PrivacyRoutesOptions) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.addHook('preHandler', requireUser);
  const tags = ['de-identification'];
  const audit = (access: ProjectAccess, action: string, targetId: string, details = {}) =>
    recordAudit(db, {
      userId: access.userId,
      projectId: access.projectId,
      action,
      targetType: action.startsWith('held-image') ? 'held_image' : 'project',
      targetId,
      details,
    });

  const readMapping = async (request: FastifyRequest<{ Params: { projectId: string } }>) => {
    const access = await authorize(db, request, request.params.projectId, 'pseudonyms.read');
    const subjects = await vault.subjects(access.projectId);
    await audit(access, 'pseudonyms.export', access.projectId, { subjects: subjects.length });
    return subjects;
  };

  app.get(
    '/projects/:projectId/pseudonyms',
    {
      schema: {
        tags,
        summary: 'The re-identification mapping: original Patient ID and name per pseudonym (owners)',
        description:
          'Kept in the vault, apart from the database and the blob store; `pseudonyms.csv` gives the same as CSV. Every read is in the audit log.',
        params: projectParams,
        response: { 200: z.object({ subjects: z.array(subject) }) },
      },
    },
    async (request, reply) => {
      const subjects = await readMapping(request);
      reply.header('cache-control', 'no-store');
      return { subjects };
    },
  );

  app.get(
    '/projects/:projectId/pseudonyms.csv',
    {
      schema: {
        tags,
        summary: 'The re-identification mapping as a CSV file (owners)',
        params: projectParams,
        produces: ['text/csv'],
      },
    },
    async (request, reply) => {
      const subjects = await readMapping(request);
      return reply
        .header('cache-control', 'no-store')
        .header('content-disposition', 'attachment; filename="pseudonyms.csv"')
        .type('text/csv; charset=utf-8')
        .send(subjectMappingCsv(subjects));
    },
  );

  app.get(
    '/projects/:projectId/deidentification/key',
    {
      schema: {
        tags,
        summary:
          'The project key, for `voxelhub deid --key-file` to give the same UIDs and pseudonyms (owners)',
        params: projectParams,
        response: { 200: z.object({ key: z.string() }) },
      },
    },
    async (request, reply) => {
      const access = await authorize(db, request, request.params.projectId, 'pseudonyms.read');
      const key = await vault.key(access.projectId);
      await audit(access, 'deidentification.key.export', access.projectId);
      reply.header('cache-control', 'no-store');
      return { key: Buffer.from(key).toString('hex') };
    },
  );

  app.get(
    '/projects/:projectId/held-images',
    {
      schema: {
        tags,
        summary: 'Images held for review of burned-in text (managers)',
        params: projectParams,
        response: { 200: z.object({ heldImages: z.array(heldImage) }) },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.projectId, 'images.review');
      return { heldImages: await listHeldImages(db, access.projectId) };
    },
  );

  app.get(
    '/projects/:projectId/held-images/:heldId/preview',
    {
      schema: {
        tags,
        summary: "A held image's first frame as PNG (or the image itself for PNG and JPEG)",
        params: heldParams,
      },
    },
    async (request, reply) => {
      const access = await authorize(db, request, request.params.projectId, 'images.review');
      const preview = await renderHeldImage(db, blobs, access.projectId, request.params.heldId);
      reply.header('cache-control', 'no-store');
      return reply.type(preview.type).send(Buffer.from(preview.bytes));
    },
  );

  app.post(
    '/projects/:projectId/held-images/:heldId/accept',
    {
      schema: {
        tags,
        summary: 'Accept a held image into the project, blanking more regions first if given',
        params: heldParams,
        body: z
          .object({ blank: z.array(region).max(64).default([]) })
          .strict()
          .prefault({}),
        response: { 200: z.object({ imageId: z.string() }) },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.projectId, 'images.review');
      const { heldId } = request.params;
      const outcome = await acceptHeldImage(db, blobs, access.projectId, heldId, request.body.blank);
      await audit(access, 'held-image.accept', heldId, {
        imageId: outcome.imageId,
        blanked: request.body.blank,
      });
      return { imageId: outcome.imageId! };
    },
  );

  app.post(
    '/projects/:projectId/held-images/:heldId/reject',
    {
      schema: {
        tags,
        summary: 'Reject a held image: it is deleted, bytes included',
        params: heldParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const access = await authorize(db, request, request.params.projectId, 'images.review');
      await rejectHeldImage(db, blobs, access.projectId, request.params.heldId);
      await audit(access, 'held-image.reject', request.params.heldId);
      return reply.status(204).send(null);
    },
  );
}
