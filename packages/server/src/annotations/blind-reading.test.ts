import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProjectSettings } from '../projects/project-settings.js';
import { eachDialect } from '../storage/test-databases.js';
import { bearer, createProjectFixture, type ProjectFixture } from '../test-support/project-fixture.js';
import { annotationsUrl, createLandmark, landmarkPayload, seedImaging } from './annotation-test-data.js';

/**
 * Annotator A annotates; annotator B asks for it through every route that could show it. In a blind
 * project B learns nothing (not even that it exists); in an open one B sees it but may not change it.
 */
eachDialect('blind and open reading', (context) => {
  for (const reading of ['blind', 'open'] as const satisfies readonly ProjectSettings['reading'][]) {
    describe(`a ${reading} project`, () => {
      let fixture: ProjectFixture;
      let seed: Awaited<ReturnType<typeof seedImaging>>;
      let asB: (options: InjectOptions) => ReturnType<ProjectFixture['as']>;
      let annotationId: string;
      const sees = reading === 'open';

      beforeAll(async () => {
        fixture = await createProjectFixture(context.database, { settings: { reading } });
        seed = await seedImaging(fixture);
        const b = await fixture.addMember('annotator');
        asB = (options) => fixture.app.inject({ ...options, headers: bearer(b.token) });
        annotationId = (await createLandmark(fixture, 'annotator', seed)).id;
        const review = await fixture.as('reviewer', {
          method: 'POST',
          url: `/api/projects/${fixture.projectId}/reviews`,
          payload: { annotationId, annotationRevision: 1, decision: 'approved', comment: 'good' },
        });
        expect(review.statusCode, review.body).toBe(201);
        await createLandmark(fixture, 'owner', seed);
      });
      afterAll(() => fixture.close());

      it(`${sees ? 'shows' : 'hides'} A's annotation in B's lists, whatever the filter`, async () => {
        const a = fixture.users.annotator.id;
        for (const query of ['', `?imageId=${seed.imageId}`, `?authorId=${a}`, '?includeDeleted=true']) {
          const res = await asB({ method: 'GET', url: annotationsUrl(fixture, query) });
          expect(res.statusCode).toBe(200);
          const ids = (res.json().annotations as { id: string }[]).map((x) => x.id);
          expect(ids.includes(annotationId), query).toBe(sees);
          const authors = new Set(
            (res.json().annotations as { createdBy: string }[]).map((x) => x.createdBy),
          );
          if (!sees) expect(authors.size, query).toBe(0);
        }
      });

      it(`${sees ? 'shows' : 'hides'} it, and its history, by id`, async () => {
        for (const rest of [`/${annotationId}`, `/${annotationId}/revisions`]) {
          const res = await asB({ method: 'GET', url: annotationsUrl(fixture, rest) });
          expect(res.statusCode, rest).toBe(sees ? 200 : 404);
        }
      });

      it(`${sees ? 'shows' : 'hides'} its reviews`, async () => {
        for (const query of ['', `?annotationId=${annotationId}`]) {
          const res = await asB({ method: 'GET', url: `/api/projects/${fixture.projectId}/reviews${query}` });
          expect(res.statusCode).toBe(200);
          const ids = (res.json().reviews as { annotationId: string }[]).map((r) => r.annotationId);
          expect(ids.includes(annotationId), query).toBe(sees);
        }
        const own = await fixture.as('annotator', {
          method: 'GET',
          url: `/api/projects/${fixture.projectId}/reviews?annotationId=${annotationId}`,
        });
        expect(own.json().reviews).toHaveLength(1);
      });

      it(`lets B change it: never (${sees ? '403' : '404'})`, async () => {
        const url = annotationsUrl(fixture, `/${annotationId}`);
        const put = await asB({
          method: 'PUT',
          url,
          payload: { baseRevision: 1, payload: landmarkPayload(seed.pointLabel, seed.imageId, 3, 3) },
        });
        const del = await asB({ method: 'DELETE', url: `${url}?baseRevision=1` });
        const restore = await asB({
          method: 'POST',
          url: `${url}/restore`,
          payload: { revision: 1, baseRevision: 1 },
        });
        expect([put.statusCode, del.statusCode, restore.statusCode]).toEqual(Array(3).fill(sees ? 403 : 404));
      });
    });
  }
});
