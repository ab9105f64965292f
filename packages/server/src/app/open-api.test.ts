import { afterAll, beforeAll, expect, it } from 'vitest';
import { eachDialect } from '../storage/test-databases.js';
import { createProjectFixture, type ProjectFixture } from '../test-support/project-fixture.js';

eachDialect('the OpenAPI document', (ctx) => {
  let f: ProjectFixture;
  beforeAll(async () => {
    f = await createProjectFixture(ctx.database);
  });
  afterAll(() => f.close());

  it('is generated from the route schemas and served at /api/docs', async () => {
    const res = await f.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.info.title).toBe('Voxelhub API');
    const paths = Object.keys(doc.paths);
    for (const path of [
      '/api/health',
      '/api/auth/login',
      '/api/projects',
      '/api/projects/{projectId}',
      '/api/projects/{projectId}/members',
      '/api/projects/{projectId}/labels',
      '/api/projects/{projectId}/images',
    ])
      expect(paths).toContain(path);
    // The body schema of a route, from its zod schema: a label's colour pattern, its type's enum.
    const label =
      doc.paths['/api/projects/{projectId}/labels'].post.requestBody.content['application/json'].schema;
    expect(label.properties.colour.pattern).toBe('^#[0-9a-fA-F]{6}$');
    expect(label.properties.type.enum).toContain('mask');
    expect(label.required).toEqual(expect.arrayContaining(['name', 'type', 'colour']));
    const login = doc.paths['/api/auth/login'].post.requestBody.content['application/json'].schema;
    expect(login.required).toEqual(['username', 'password']);
    const page = await f.app.inject({ method: 'GET', url: '/api/docs' });
    expect([200, 302]).toContain(page.statusCode);
  });
});
