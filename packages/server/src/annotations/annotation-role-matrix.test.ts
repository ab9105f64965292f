import { afterAll, beforeAll, describe } from 'vitest';
import { eachDialect } from '../storage/test-databases.js';
import { createProjectFixture, type ProjectFixture } from '../test-support/project-fixture.js';
import { annotationsUrl, createLandmark, landmarkPayload, seedImaging } from './annotation-test-data.js';
import { testRoleMatrix } from './role-matrix.js';

eachDialect('annotation routes by role', (context) => {
  let fixture: ProjectFixture;
  let seed: Awaited<ReturnType<typeof seedImaging>>;

  beforeAll(async () => {
    fixture = await createProjectFixture(context.database);
    seed = await seedImaging(fixture);
  });
  afterAll(() => fixture.close());

  /** A fresh annotation by the project's annotator, so that every caller changes its own revision 1. */
  const fresh = async () => (await createLandmark(fixture, 'annotator', seed)).id;
  const url = (rest = '') => annotationsUrl(fixture, rest);
  const payload = () => landmarkPayload(seed.pointLabel, seed.imageId, 7, 7);

  describe('on an annotation its annotator made (blind project)', () => {
    // Columns:                 owner manager annotator reviewer viewer outsider admin anonymous
    testRoleMatrix(
      () => fixture,
      [
        {
          route: 'GET annotations',
          request: async () => ({ method: 'GET', url: url() }),
          expected: [200, 200, 200, 200, 200, 404, 200, 401],
        },
        {
          route: 'POST annotations',
          request: async () => ({
            method: 'POST',
            url: url(),
            payload: { labelId: seed.pointLabel, imageId: seed.imageId, payload: payload() },
          }),
          expected: [201, 201, 201, 201, 403, 404, 201, 401],
        },
        {
          route: 'GET annotations/:id',
          request: async () => ({ method: 'GET', url: url(`/${await fresh()}`) }),
          expected: [200, 200, 200, 200, 200, 404, 200, 401],
        },
        {
          route: 'GET annotations/:id/revisions',
          request: async () => ({ method: 'GET', url: url(`/${await fresh()}/revisions`) }),
          expected: [200, 200, 200, 200, 200, 404, 200, 401],
        },
        {
          route: 'PUT annotations/:id',
          request: async () => ({
            method: 'PUT',
            url: url(`/${await fresh()}`),
            payload: { baseRevision: 1, payload: payload() },
          }),
          expected: [200, 200, 200, 200, 403, 404, 200, 401],
        },
        {
          route: 'DELETE annotations/:id',
          request: async () => ({ method: 'DELETE', url: url(`/${await fresh()}?baseRevision=1`) }),
          expected: [204, 204, 204, 204, 403, 404, 204, 401],
        },
        {
          route: 'POST annotations/:id/restore',
          request: async () => ({
            method: 'POST',
            url: url(`/${await fresh()}/restore`),
            payload: { revision: 1, baseRevision: 1 },
          }),
          expected: [200, 200, 200, 200, 403, 404, 200, 401],
        },
      ],
    );
  });

  describe("on an annotation the owner made: a blind annotator can't see it", () => {
    const ownersAnnotation = async () => (await createLandmark(fixture, 'owner', seed)).id;
    testRoleMatrix(
      () => fixture,
      [
        {
          route: 'GET annotations/:id',
          request: async () => ({ method: 'GET', url: url(`/${await ownersAnnotation()}`) }),
          expected: [200, 200, 404, 200, 200, 404, 200, 401],
        },
        {
          route: 'PUT annotations/:id',
          request: async () => ({
            method: 'PUT',
            url: url(`/${await ownersAnnotation()}`),
            payload: { baseRevision: 1, payload: payload() },
          }),
          expected: [200, 200, 404, 200, 403, 404, 200, 401],
        },
        {
          route: 'DELETE annotations/:id',
          request: async () => ({
            method: 'DELETE',
            url: url(`/${await ownersAnnotation()}?baseRevision=1`),
          }),
          expected: [204, 204, 404, 204, 403, 404, 204, 401],
        },
      ],
    );
  });
});
