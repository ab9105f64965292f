import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createLandmark,
  errorOf,
  landmarkPayload,
  seedImaging,
} from '../annotations/annotation-test-data.js';
import { testRoleMatrix } from '../annotations/role-matrix.js';
import { eachDialect } from '../storage/test-databases.js';
import { insertDicomImage } from '../storage/test-rows.js';
import { bearer, createProjectFixture, type ProjectFixture } from '../test-support/project-fixture.js';

eachDialect('task routes', (context) => {
  let fixture: ProjectFixture;
  let seed: Awaited<ReturnType<typeof seedImaging>>;

  beforeAll(async () => {
    fixture = await createProjectFixture(context.database);
    seed = await seedImaging(fixture);
  });
  afterAll(() => fixture.close());

  const url = (rest = '') => `/api/projects/${fixture.projectId}/tasks${rest}`;
  type Task = {
    id: string;
    status: string;
    assigneeId: string | null;
    startedAt: string | null;
    completedAt: string | null;
  };

  async function createTasks(items: Record<string, unknown>[]): Promise<Task[]> {
    const res = await fixture.as('manager', { method: 'POST', url: url(), payload: { items } });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().tasks;
  }
  const annotatorTask = async () =>
    (await createTasks([{ imageId: seed.imageId, assigneeId: fixture.users.annotator.id }]))[0]!.id;

  describe('by role', () => {
    // Columns: owner manager annotator reviewer viewer outsider admin anonymous
    testRoleMatrix(
      () => fixture,
      [
        {
          route: 'POST tasks',
          request: async () => ({
            method: 'POST',
            url: url(),
            payload: { items: [{ seriesId: seed.seriesId }] },
          }),
          expected: [201, 201, 403, 403, 403, 404, 201, 401],
        },
        {
          route: 'GET tasks',
          request: async () => ({ method: 'GET', url: url() }),
          expected: [200, 200, 200, 200, 200, 404, 200, 401],
        },
        {
          // Only the annotator has a task; the others who annotate have none left.
          route: 'GET tasks/next',
          request: async () => {
            await annotatorTask();
            return { method: 'GET', url: url('/next') };
          },
          expected: [204, 204, 200, 204, 403, 404, 204, 401],
        },
        {
          route: "GET tasks/:id (the annotator's)",
          request: async () => ({ method: 'GET', url: url(`/${await annotatorTask()}`) }),
          expected: [200, 200, 200, 200, 404, 404, 200, 401],
        },
        {
          route: "PATCH tasks/:id (the annotator's) to in_progress",
          request: async () => ({
            method: 'PATCH',
            url: url(`/${await annotatorTask()}`),
            payload: { status: 'in_progress' },
          }),
          expected: [200, 200, 200, 403, 404, 404, 200, 401],
        },
      ],
    );
  });

  it('refuses items outside the project and assignees who do not annotate', async () => {
    const elsewhere = await createProjectFixture(context.database);
    try {
      const foreign = await insertDicomImage(context.database.db, elsewhere.projectId);
      const cases: [Record<string, unknown>[], string][] = [
        [[{ imageId: seed.imageId }, { imageId: foreign.imageId }], 'body.items.1.imageId'],
        [[{ seriesId: foreign.seriesId }], 'body.items.0.seriesId'],
        [[{ imageId: seed.imageId, assigneeId: fixture.users.viewer.id }], 'body.items.0.assigneeId'],
        [[{ imageId: seed.imageId, assigneeId: fixture.users.outsider.id }], 'body.items.0.assigneeId'],
      ];
      for (const [items, path] of cases) {
        const res = await fixture.as('manager', { method: 'POST', url: url(), payload: { items } });
        expect(res.statusCode, path).toBe(400);
        expect(errorOf(res).details, path).toEqual([expect.objectContaining({ path })]);
      }
      // A refused batch creates none of its tasks.
      const tasks = await context.database.db
        .selectFrom('tasks')
        .select('id')
        .where('image_id', '=', seed.imageId)
        .where('assignee_id', 'is', null)
        .execute();
      expect(tasks).toHaveLength(0);
    } finally {
      await elsewhere.close();
    }
  });

  it('shows annotators only their own tasks, whatever they ask for', async () => {
    const other = await fixture.addMember('annotator');
    const [mine, theirs] = await createTasks([
      { imageId: seed.imageId, assigneeId: fixture.users.annotator.id },
      { imageId: seed.imageId, assigneeId: other.id },
    ]);
    const ids = async (query: string) =>
      ((await fixture.as('annotator', { method: 'GET', url: url(query) })).json().tasks as Task[]).map(
        (t) => t.id,
      );
    expect(await ids('')).toContain(mine!.id);
    expect(await ids('')).not.toContain(theirs!.id);
    expect(await ids(`?assigneeId=${other.id}`)).toEqual([]);
    const single = await fixture.as('annotator', { method: 'GET', url: url(`/${theirs!.id}`) });
    expect(single.statusCode).toBe(404);
    const all = (await fixture.as('reviewer', { method: 'GET', url: url(`?assigneeId=${other.id}`) })).json()
      .tasks as Task[];
    expect(all.map((t) => t.id)).toEqual([theirs!.id]);
  });

  it('walks a task through its states, with timestamps, and keeps the assignee to the allowed moves', async () => {
    const reader = await fixture.addMember('annotator');
    const asReader = (method: 'GET' | 'PATCH', rest: string, payload?: Record<string, unknown>) =>
      fixture.app.inject({
        method,
        url: url(rest),
        headers: bearer(reader.token),
        ...(payload ? { payload } : {}),
      });
    const [first, second] = await createTasks([
      { imageId: seed.imageId, assigneeId: reader.id },
      { seriesId: seed.seriesId, assigneeId: reader.id },
    ]);
    expect((await asReader('GET', '/next')).json().task.id).toBe(first!.id);

    const started = await asReader('PATCH', `/${second!.id}`, { status: 'in_progress' });
    expect(started.json().task).toMatchObject({ status: 'in_progress', completedAt: null });
    expect(started.json().task.startedAt).toEqual(expect.any(String));
    // Work already started comes first.
    expect((await asReader('GET', '/next')).json().task.id).toBe(second!.id);

    const reassign = await asReader('PATCH', `/${second!.id}`, { assigneeId: fixture.users.annotator.id });
    expect(reassign.statusCode).toBe(403);

    const done = await asReader('PATCH', `/${second!.id}`, { status: 'done' });
    expect(done.json().task).toMatchObject({ status: 'done', startedAt: started.json().task.startedAt });
    expect(done.json().task.completedAt).toEqual(expect.any(String));
    const reopen = await asReader('PATCH', `/${second!.id}`, { status: 'in_progress' });
    expect(reopen.statusCode).toBe(409);
    expect(errorOf(reopen).details).toMatchObject({ current: { status: 'done' } });

    const skipped = await asReader('PATCH', `/${first!.id}`, { status: 'skipped' });
    expect(skipped.json().task).toMatchObject({ status: 'skipped', startedAt: null });
    expect((await asReader('GET', '/next')).statusCode).toBe(204);

    // A manager reopens and hands the task to another reader.
    const managed = await fixture.as('manager', {
      method: 'PATCH',
      url: url(`/${second!.id}`),
      payload: { status: 'todo', assigneeId: fixture.users.annotator.id },
    });
    expect(managed.json().task).toMatchObject({
      status: 'todo',
      assigneeId: fixture.users.annotator.id,
      completedAt: null,
    });
    expect((await asReader('GET', `/${second!.id}`)).statusCode).toBe(404);

    const audit = await context.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_id', '=', second!.id)
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual([
      'task.create',
      'task.update',
      'task.update',
      'task.update',
    ]);
  });

  it('lets an annotator annotate on their own task only, and only on its image or series', async () => {
    const other = await fixture.addMember('annotator');
    const second = await insertDicomImage(context.database.db, fixture.projectId);
    const [mine, theirs, seriesTask] = await createTasks([
      { imageId: seed.imageId, assigneeId: fixture.users.annotator.id },
      { imageId: seed.imageId, assigneeId: other.id },
      { seriesId: seed.seriesId, assigneeId: fixture.users.annotator.id },
    ]);
    const annotate = (taskId: string, imageId = seed.imageId) =>
      fixture.as('annotator', {
        method: 'POST',
        url: `/api/projects/${fixture.projectId}/annotations`,
        payload: {
          labelId: seed.pointLabel,
          imageId,
          taskId,
          payload: landmarkPayload(seed.pointLabel, imageId),
        },
      });
    const onMine = await annotate(mine!.id);
    expect(onMine.statusCode, onMine.body).toBe(201);
    expect(onMine.json().annotation.taskId).toBe(mine!.id);
    expect((await annotate(theirs!.id)).statusCode).toBe(403);
    expect((await annotate(seriesTask!.id)).statusCode).toBe(201);
    const wrongImage = await annotate(mine!.id, second.imageId);
    expect(wrongImage.statusCode).toBe(400);
    expect(errorOf(wrongImage).details).toEqual([expect.objectContaining({ path: 'body.taskId' })]);
    // Managers may attach any task of the project.
    await createLandmark(fixture, 'manager', seed, { taskId: theirs!.id });
  });
});
