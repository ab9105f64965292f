import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { authorize } from '../access/project-access.js';
import { requireUser } from '../auth/require-user.js';
import type { BlobStore } from '../blobs/blob-store.js';
import { ApiError } from '../errors/api-error.js';
import type { DatabaseSchema } from '../storage/schema.js';
import { readExampleImage } from './example-image.js';
import { auditLabel } from './label-audit.js';
import { EXAMPLE_LIMITS, EXAMPLE_MEDIA_TYPES, type ExampleMediaType } from './label-example-limits.js';
import { exampleFromRow } from './label-rows.js';
import { labelExampleOutput, labelExampleParams, labelParams } from './project-schemas.js';

type Db = Kysely<DatabaseSchema>;

const uploadQuery = z.object({ caption: z.string().trim().max(EXAMPLE_LIMITS.maxCaptionLength).default('') });

/**
 * Guideline example images of a label: POST the bytes of a PNG or JPEG, GET one back, DELETE it. The
 * label output lists them (`examples`); the bytes live in the blob store like imported images.
 */
export async function labelExampleRoutes(
  base: FastifyInstance,
  { db, blobs }: { db: Db; blobs: BlobStore },
): Promise<void> {
  // Any body is taken as bytes here, so that a wrong Content-Type gets this API's message, not a bare 415.
  base.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.addHook('preHandler', requireUser);
  const tags = ['labels'];
  const url = '/projects/:projectId/labels/:labelId/examples';

  app.post(
    url,
    {
      bodyLimit: EXAMPLE_LIMITS.maxBytes,
      // Before a byte of the body is read: callers who may not change labels upload nothing.
      onRequest: async (request) => {
        await authorize(db, request, request.params.projectId, 'labels.manage');
      },
      schema: {
        tags,
        summary: 'Add an example image to a label (managers)',
        description: `The body is the image's bytes, Content-Type image/png or image/jpeg, at most ${EXAMPLE_LIMITS.maxBytes / 1024 / 1024} MB and ${EXAMPLE_LIMITS.maxPixels / 1024 / 1024} megapixels; ?caption= says what it shows. At most ${EXAMPLE_LIMITS.maxPerLabel} per label.`,
        consumes: [...EXAMPLE_MEDIA_TYPES],
        params: labelParams,
        querystring: uploadQuery,
        response: { 201: labelExampleOutput },
      },
    },
    async (request, reply) => {
      const access = await authorize(db, request, request.params.projectId, 'labels.manage');
      const label = await findLabel(db, access.projectId, request.params.labelId);
      const image = await readExampleImage(
        bytesOf(request.body),
        declaredType(request.headers['content-type']),
      );
      await refuseBeyondLimit(db, label);
      const { key } = await blobs.put(bytesOf(request.body));
      const id = randomUUID();
      await db
        .insertInto('label_examples')
        .values({
          id,
          label_id: label.id,
          blob_key: key,
          media_type: image.mediaType,
          width: image.width,
          height: image.height,
          caption: request.query.caption,
        })
        .execute();
      await auditLabel(db, access, 'label.example.add', label.id, { exampleId: id, blobKey: key });
      return reply.status(201).send(exampleFromRow(await findExample(db, access.projectId, label.id, id)));
    },
  );

  app.get(
    `${url}/:exampleId`,
    { schema: { tags, summary: "An example image's bytes", params: labelExampleParams } },
    async (request, reply) => {
      const { projectId, labelId, exampleId } = request.params;
      const access = await authorize(db, request, projectId, 'labels.read');
      const example = await findExample(db, access.projectId, labelId, exampleId);
      const stat = await blobs.stat(example.blob_key);
      if (!stat) throw new ApiError('INTERNAL', `the stored bytes of example ${example.id} are missing`);
      // An example's bytes never change (a new image is a new example): a browser may keep them for good.
      return reply
        .header('content-type', example.media_type)
        .header('content-length', stat.size)
        .header('cache-control', 'private, max-age=31536000, immutable')
        .header('etag', `"${example.blob_key}"`)
        .send(await blobs.get(example.blob_key));
    },
  );

  app.delete(
    `${url}/:exampleId`,
    {
      schema: {
        tags,
        summary: 'Remove an example image from a label (managers)',
        params: labelExampleParams,
      },
    },
    async (request, reply) => {
      const { projectId, labelId, exampleId } = request.params;
      const access = await authorize(db, request, projectId, 'labels.manage');
      const example = await findExample(db, access.projectId, labelId, exampleId);
      // The blob stays: content-addressed, the same bytes may be another example or an imported image.
      await db.deleteFrom('label_examples').where('id', '=', example.id).execute();
      await auditLabel(db, access, 'label.example.delete', labelId, { exampleId: example.id });
      return reply.status(204).send();
    },
  );
}

function bytesOf(body: unknown): Uint8Array {
  return body instanceof Uint8Array ? body : new Uint8Array(0);
}

/** The upload's declared media type, parameters dropped; anything else is refused. */
function declaredType(header: string | undefined): ExampleMediaType {
  const type = (header ?? '').split(';')[0]!.trim().toLowerCase();
  const known = EXAMPLE_MEDIA_TYPES.find((t) => t === type);
  if (known) return known;
  const message = `send the image's bytes with Content-Type image/png or image/jpeg (got ${type || 'none'})`;
  throw new ApiError('VALIDATION_FAILED', message, [{ path: 'headers.content-type', message }]);
}

async function refuseBeyondLimit(db: Db, label: { id: string; name: string }): Promise<void> {
  const row = await db
    .selectFrom('label_examples')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('label_id', '=', label.id)
    .executeTakeFirstOrThrow();
  if (Number(row.n) >= EXAMPLE_LIMITS.maxPerLabel)
    throw new ApiError(
      'CONFLICT',
      `label '${label.name}' has ${EXAMPLE_LIMITS.maxPerLabel} examples, the most a label keeps; delete one first`,
    );
}

async function findLabel(db: Db, projectId: string, labelId: string) {
  const row = await db
    .selectFrom('labels')
    .select(['id', 'name'])
    .where('project_id', '=', projectId)
    .where('id', '=', labelId)
    .executeTakeFirst();
  if (!row) throw new ApiError('NOT_FOUND', `no label ${labelId} in this project`);
  return row;
}

async function findExample(db: Db, projectId: string, labelId: string, exampleId: string) {
  const row = await db
    .selectFrom('label_examples')
    .innerJoin('labels', 'labels.id', 'label_examples.label_id')
    .selectAll('label_examples')
    .where('labels.project_id', '=', projectId)
    .where('label_examples.label_id', '=', labelId)
    .where('label_examples.id', '=', exampleId)
    .executeTakeFirst();
  if (!row) throw new ApiError('NOT_FOUND', `no example ${exampleId} of label ${labelId} in this project`);
  return row;
}
