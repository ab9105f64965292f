import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { authorize } from '../access/project-access.js';
import { requireUser } from '../auth/require-user.js';
import { ApiError } from '../errors/api-error.js';
import { constraintViolation } from '../storage/constraint-violation.js';
import type { DatabaseSchema, LabelType } from '../storage/schema.js';
import { auditLabel } from './label-audit.js';
import { classificationMismatch, parseClassification } from './label-classification.js';
import { labelColumns } from './label-rows.js';
import { loadLabel, loadLabels } from './load-labels.js';
import { labelInput, labelOutput, labelParams, newLabelInput, projectParams } from './project-schemas.js';

type Db = Kysely<DatabaseSchema>;

/** The label schema of a project: GET/POST .../labels, PATCH/DELETE .../labels/:labelId. */
export async function labelRoutes(base: FastifyInstance, { db }: { db: Db }): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.addHook('preHandler', requireUser);
  const tags = ['labels'];

  app.get(
    '/projects/:projectId/labels',
    {
      schema: {
        tags,
        summary: "A project's label schema, in display order",
        params: projectParams,
        response: { 200: z.object({ labels: z.array(labelOutput) }) },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.projectId, 'labels.read');
      return { labels: await loadLabels(db, access.projectId) };
    },
  );

  app.post(
    '/projects/:projectId/labels',
    {
      schema: {
        tags,
        summary: 'Add a label',
        params: projectParams,
        body: newLabelInput,
        response: { 201: labelOutput },
      },
    },
    async (request, reply) => {
      const access = await authorize(db, request, request.params.projectId, 'labels.manage');
      const input = request.body;
      const id = randomUUID();
      await db
        .insertInto('labels')
        .values({
          id,
          project_id: access.projectId,
          ...labelColumns(input),
          name: input.name,
          type: input.type,
          colour: input.colour,
        })
        .execute()
        .catch(duplicateName(input.name));
      await auditLabel(db, access, 'label.create', id, { name: input.name, type: input.type });
      return reply.status(201).send(await labelOutputOf(db, access.projectId, id));
    },
  );

  app.patch(
    '/projects/:projectId/labels/:labelId',
    {
      schema: {
        tags,
        summary: 'Change a label (its type only while no annotation uses it)',
        params: labelParams,
        body: labelInput.partial().strict(),
        response: { 200: labelOutput },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.projectId, 'labels.manage');
      const label = await findLabel(db, access.projectId, request.params.labelId);
      const input = request.body;
      if (input.type !== undefined && input.type !== label.type && (await annotationCount(db, label.id)) > 0)
        throw new ApiError('CONFLICT', `label '${label.name}' has annotations; its type can't change`);
      const changes = labelColumns({ ...input, classification: classificationAfter(label, input) });
      if (Object.keys(changes).length > 0)
        await db
          .updateTable('labels')
          .set(changes)
          .where('id', '=', label.id)
          .execute()
          .catch(duplicateName(input.name ?? label.name));
      await auditLabel(db, access, 'label.update', label.id, { changed: Object.keys(input) });
      return labelOutputOf(db, access.projectId, label.id);
    },
  );

  app.delete(
    '/projects/:projectId/labels/:labelId',
    {
      schema: { tags, summary: 'Delete a label that no annotation uses', params: labelParams },
    },
    async (request, reply) => {
      const access = await authorize(db, request, request.params.projectId, 'labels.manage');
      const label = await findLabel(db, access.projectId, request.params.labelId);
      const used = await annotationCount(db, label.id);
      if (used > 0)
        throw new ApiError(
          'CONFLICT',
          `label '${label.name}' is used by ${used} annotation(s); it can't be deleted`,
        );
      await db.deleteFrom('labels').where('id', '=', label.id).execute();
      await auditLabel(db, access, 'label.delete', label.id, { name: label.name });
      return reply.status(204).send();
    },
  );
}

async function findLabel(db: Db, projectId: string, labelId: string) {
  const row = await db
    .selectFrom('labels')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('id', '=', labelId)
    .executeTakeFirst();
  if (!row) throw new ApiError('NOT_FOUND', `no label ${labelId} in this project`);
  return row;
}

async function labelOutputOf(db: Db, projectId: string, labelId: string) {
  const label = await loadLabel(db, projectId, labelId);
  if (!label) throw new ApiError('NOT_FOUND', `no label ${labelId} in this project`);
  return label;
}

/**
 * The classification a change leaves a label with (undefined: unchanged): a label that stops being a
 * classification drops it; one that becomes one, or stays one, must end up with a valid one.
 */
function classificationAfter(
  label: { type: LabelType; classification: string | null },
  input: Partial<z.infer<typeof labelInput>>,
) {
  const type = input.type ?? label.type;
  if (type !== 'classification' && input.classification === undefined)
    return label.classification === null ? undefined : null;
  const after =
    input.classification === undefined ? parseClassification(label.classification) : input.classification;
  const mismatch = classificationMismatch(type, after);
  if (mismatch)
    throw new ApiError('VALIDATION_FAILED', `body.classification: ${mismatch}`, [
      { path: 'body.classification', message: mismatch },
    ]);
  return input.classification;
}

async function annotationCount(db: Db, labelId: string): Promise<number> {
  const row = await db
    .selectFrom('annotations')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('label_id', '=', labelId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

function duplicateName(name: string) {
  return (error: unknown): never => {
    if (constraintViolation(error) === 'unique')
      throw new ApiError('CONFLICT', `this project already has a label named '${name}'`);
    throw error;
  };
}
