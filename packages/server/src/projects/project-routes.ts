import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { authorize, requirePermission } from '../access/project-access.js';
import { recordAudit } from '../audit/record-audit.js';
import { currentUser, requireUser } from '../auth/require-user.js';
import { ApiError } from '../errors/api-error.js';
import { checkLabelThresholds } from '../quality/check-thresholds.js';
import { constraintViolation } from '../storage/constraint-violation.js';
import type { DatabaseSchema } from '../storage/schema.js';
import { labelColumns } from './label-rows.js';
import { loadLabels } from './load-labels.js';
import {
  projectDetail,
  projectInput,
  projectParams,
  projectSummary,
  projectUpdate,
} from './project-schemas.js';
import { mergeProjectSettings, parseProjectSettings, projectSettingsSchema } from './project-settings.js';

type Db = Kysely<DatabaseSchema>;

export interface ProjectRoutesOptions {
  readonly db: Db;
}

/** GET/POST /api/projects, GET/PATCH/DELETE /api/projects/:projectId. */
export async function projectRoutes(base: FastifyInstance, { db }: ProjectRoutesOptions): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.addHook('preHandler', requireUser);
  const tags = ['projects'];

  app.get(
    '/projects',
    {
      schema: {
        tags,
        summary: 'The projects you are a member of (all of them for administrators)',
        response: { 200: z.object({ projects: z.array(projectSummary) }) },
      },
    },
    async (request) => ({ projects: await listProjects(db, currentUser(request)) }),
  );

  app.post(
    '/projects',
    {
      schema: {
        tags,
        summary: 'Create a project; you become its owner',
        body: projectInput,
        response: { 201: projectDetail },
      },
    },
    async (request, reply) => {
      const user = currentUser(request);
      const input = request.body;
      const projectId = randomUUID();
      await db
        .transaction()
        .execute(async (trx) => {
          await trx
            .insertInto('projects')
            .values({
              id: projectId,
              name: input.name,
              description: input.description ?? '',
              settings: JSON.stringify(
                mergeProjectSettings(projectSettingsSchema.parse({}), input.settings ?? {}),
              ),
              require_deidentification: input.requireDeidentification === false ? 0 : 1,
            })
            .execute();
          await trx
            .insertInto('members')
            .values({ project_id: projectId, user_id: user.id, role: 'owner' })
            .execute();
          const labels = input.labels ?? [];
          if (labels.length > 0)
            await trx
              .insertInto('labels')
              .values(
                labels.map((label, i) => ({
                  id: randomUUID(),
                  project_id: projectId,
                  // Every row names every column: SQLite fills a multi-row insert's gaps with null, not defaults.
                  ...labelColumns({
                    code: null,
                    guideline: '',
                    sortOrder: i,
                    classification: null,
                    ...label,
                  }),
                  name: label.name,
                  type: label.type,
                  colour: label.colour,
                })),
              )
              .execute();
        })
        .catch((error: unknown) => {
          if (constraintViolation(error) === 'unique')
            throw new ApiError(
              'CONFLICT',
              `a project named '${input.name}' exists, or two labels share a name`,
            );
          throw error;
        });
      await recordAudit(db, {
        userId: user.id,
        projectId,
        action: 'project.create',
        targetType: 'project',
        targetId: projectId,
        details: { name: input.name },
      });
      return reply.status(201).send(await projectDetails(db, projectId, 'owner'));
    },
  );

  app.get(
    '/projects/:projectId',
    {
      schema: {
        tags,
        summary: 'A project: settings, label schema, counts and your role',
        params: projectParams,
        response: { 200: projectDetail },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.projectId, 'project.read');
      return projectDetails(db, access.projectId, access.role);
    },
  );

  app.patch(
    '/projects/:projectId',
    {
      schema: {
        tags,
        summary: 'Rename a project, or change its description or settings',
        params: projectParams,
        body: projectUpdate,
        response: { 200: projectDetail },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.projectId, 'project.update');
      const input = request.body;
      // Whether and how images are de-identified is the owners' decision: it decides what identity the
      // project may hold.
      if (input.requireDeidentification !== undefined || input.settings?.deidentification !== undefined)
        requirePermission(access, 'privacy.manage');
      await checkLabelThresholds(db, access.projectId, input.settings?.quality?.thresholds);
      const settings = input.settings
        ? JSON.stringify(mergeProjectSettings(access.settings, input.settings))
        : undefined;
      const changes = {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(settings !== undefined ? { settings } : {}),
        ...(input.requireDeidentification !== undefined
          ? { require_deidentification: input.requireDeidentification ? (1 as const) : (0 as const) }
          : {}),
      };
      if (Object.keys(changes).length > 0)
        await db
          .updateTable('projects')
          .set(changes)
          .where('id', '=', access.projectId)
          .execute()
          .catch((error: unknown) => {
            if (constraintViolation(error) === 'unique')
              throw new ApiError('CONFLICT', `a project named '${input.name}' exists`);
            throw error;
          });
      await recordAudit(db, {
        userId: access.userId,
        projectId: access.projectId,
        action: 'project.update',
        targetType: 'project',
        targetId: access.projectId,
        details: { changed: Object.keys(input) },
      });
      return projectDetails(db, access.projectId, access.role);
    },
  );

  app.delete(
    '/projects/:projectId',
    {
      schema: { tags, summary: 'Delete a project and everything in it (owners only)', params: projectParams },
    },
    async (request, reply) => {
      const access = await authorize(db, request, request.params.projectId, 'project.delete');
      // Blobs stay: content-addressed, they may be shared with other projects (collected separately).
      await db.deleteFrom('projects').where('id', '=', access.projectId).execute();
      // The audit log has no foreign keys: this row outlives the project it names.
      await recordAudit(db, {
        userId: access.userId,
        projectId: access.projectId,
        action: 'project.delete',
        targetType: 'project',
        targetId: access.projectId,
      });
      return reply.status(204).send();
    },
  );
}

async function listProjects(db: Db, user: { id: string; isAdmin: boolean }) {
  const rows = await db
    .selectFrom('projects')
    .leftJoin('members', (join) =>
      join.onRef('members.project_id', '=', 'projects.id').on('members.user_id', '=', user.id),
    )
    .select((eb) => [
      'projects.id',
      'projects.name',
      'projects.description',
      'projects.created_at',
      'members.role',
      eb
        .selectFrom('images')
        .select((c) => c.fn.countAll<number | string>().as('n'))
        .whereRef('images.project_id', '=', 'projects.id')
        .as('image_count'),
    ])
    .$if(!user.isAdmin, (q) => q.where('members.role', 'is not', null))
    .orderBy('projects.name')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    description: row.description,
    role: row.role ?? ('owner' as const),
    createdAt: row.created_at,
    imageCount: Number(row.image_count ?? 0),
  }));
}

export async function projectDetails(db: Db, projectId: string, role: z.infer<typeof projectDetail>['role']) {
  const project = await db
    .selectFrom('projects')
    .selectAll()
    .select((eb) => [
      eb
        .selectFrom('images')
        .select((c) => c.fn.countAll<number | string>().as('n'))
        .whereRef('images.project_id', '=', 'projects.id')
        .as('image_count'),
      eb
        .selectFrom('members')
        .select((c) => c.fn.countAll<number | string>().as('n'))
        .whereRef('members.project_id', '=', 'projects.id')
        .as('member_count'),
    ])
    .where('id', '=', projectId)
    .executeTakeFirst();
  if (!project) throw new ApiError('NOT_FOUND', `no project ${projectId}`);
  const labels = await loadLabels(db, projectId);
  return {
    id: project.id,
    name: project.name,
    description: project.description,
    role,
    createdAt: project.created_at,
    imageCount: Number(project.image_count ?? 0),
    memberCount: Number(project.member_count ?? 0),
    settings: parseProjectSettings(project.settings),
    requireDeidentification: project.require_deidentification === 1,
    labels,
  };
}
