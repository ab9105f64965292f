import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLandmark, errorOf, seedImaging } from '../annotations/annotation-test-data.js';
import { testRoleMatrix } from '../annotations/role-matrix.js';
import { eachDialect } from '../storage/test-databases.js';
import { bearer, createProjectFixture, type ProjectFixture } from '../test-support/project-fixture.js';

eachDialect('review routes', (context) => {
  let fixture: ProjectFixture;
  let seed: Awaited<ReturnType<typeof seedImaging>>;

  beforeAll(async () => {
    // Open reading: what annotators may see of reviews then depends on tasks, not on blindness.
    fixture = await createProjectFixture(context.database, { settings: { reading: 'open' } });
    seed = await seedImaging(fixture);
  });
  afterAll(() => fixture.close());

  const url = (query = '') => `/api/projects/${fixture.projectId}/reviews${query}`;
  const taskFor = async (assigneeId: string) => {
    const res = await fixture.as('manager', {
      method: 'POST',
      url: `/api/projects/${fixture.projectId}/tasks`,
      payload: { items: [{ imageId: seed.imageId, assigneeId }] },
    });
    return res.json().tasks[0].id as string;
  };

  describe('by role', () => {
    // Columns: owner manager annotator reviewer viewer outsider admin anonymous
    testRoleMatrix(
      () => fixture,
      [
        {
          route: 'POST reviews (an annotation revision)',
          request: async () => ({
            method: 'POST',
            url: url(),
            payload: {
              annotationId: (await createLandmark(fixture, 'annotator', seed)).id,
              annotationRevision: 1,
              decision: 'changes_requested',
              comment: 'the point is off',
            },
          }),
          expected: [201, 201, 403, 201, 403, 404, 201, 401],
        },
        {
          route: 'GET reviews',
          request: async () => ({ method: 'GET', url: url() }),
          expected: [200, 200, 200, 200, 200, 404, 200, 401],
        },
      ],
    );
  });

  it('records the reviewed revision and the decision, and audits it', async () => {
    const annotation = await createLandmark(fixture, 'annotator', seed);
    const res = await fixture.as('reviewer', {
      method: 'POST',
      url: url(),
      payload: { annotationId: annotation.id, annotationRevision: 1, decision: 'approved' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const review = res.json().review;
    expect(review).toMatchObject({
      annotationId: annotation.id,
      annotationRevision: 1,
      taskId: null,
      reviewerId: fixture.users.reviewer.id,
      decision: 'approved',
      comment: '',
    });
    const listed = await fixture.as('annotator', {
      method: 'GET',
      url: url(`?annotationId=${annotation.id}`),
    });
    expect(listed.json().reviews).toEqual([review]);
    const audit = await context.database.db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('target_id', '=', annotation.id)
      .where('action', '=', 'review.create')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.details)).toMatchObject({ reviewId: review.id, decision: 'approved' });
  });

  it('refuses a revision the annotation does not have, and a body naming two subjects', async () => {
    const annotation = await createLandmark(fixture, 'annotator', seed);
    const taskId = await taskFor(fixture.users.annotator.id);
    const cases: [Record<string, unknown>, string][] = [
      [
        { annotationId: annotation.id, annotationRevision: 2, decision: 'approved' },
        'body.annotationRevision',
      ],
      [
        { annotationId: crypto.randomUUID(), annotationRevision: 1, decision: 'approved' },
        'body.annotationId',
      ],
      [{ taskId: crypto.randomUUID(), decision: 'approved' }, 'body.taskId'],
      [
        { annotationId: annotation.id, annotationRevision: 1, taskId, decision: 'approved' },
        'body.annotationId',
      ],
      [{ annotationId: annotation.id, decision: 'approved' }, 'body.annotationRevision'],
    ];
    for (const [payload, path] of cases) {
      const res = await fixture.as('reviewer', { method: 'POST', url: url(), payload });
      expect(res.statusCode, path).toBe(400);
      expect(
        (errorOf(res).details as { path: string }[]).map((d) => d.path),
        path,
      ).toContain(path);
    }
  });

  it("shows an annotator the reviews of their own tasks, not of others' tasks", async () => {
    const other = await fixture.addMember('annotator');
    const mine = await taskFor(fixture.users.annotator.id);
    const theirs = await taskFor(other.id);
    for (const taskId of [mine, theirs]) {
      const res = await fixture.as('manager', {
        method: 'POST',
        url: url(),
        payload: { taskId, decision: 'rejected', comment: 'redo' },
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    const seen = async (inject: (query: string) => ReturnType<ProjectFixture['as']>) =>
      ((await inject('')).json().reviews as { taskId: string | null }[]).map((r) => r.taskId).filter(Boolean);
    const mineSeen = await seen((q) => fixture.as('annotator', { method: 'GET', url: url(q) }));
    expect(mineSeen).toContain(mine);
    expect(mineSeen).not.toContain(theirs);
    const theirsSeen = await seen((q) =>
      fixture.app.inject({ method: 'GET', url: url(q), headers: bearer(other.token) }),
    );
    expect(theirsSeen).toEqual([theirs]);
    const asked = await fixture.as('annotator', { method: 'GET', url: url(`?taskId=${theirs}`) });
    expect(asked.json().reviews).toEqual([]);
    const reviewerSees = await seen((q) => fixture.as('reviewer', { method: 'GET', url: url(q) }));
    expect(reviewerSees).toEqual(expect.arrayContaining([mine, theirs]));
  });
});
