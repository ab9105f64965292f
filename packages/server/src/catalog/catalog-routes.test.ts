import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../storage/test-databases.js';
import { createProjectFixture, type ProjectFixture } from '../test-support/project-fixture.js';

describe('GET /api/catalog', () => {
  let folder: string;
  let database: TestDatabase;
  let f: ProjectFixture;
  const saved = process.env.VOXELHUB_CATALOG;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'voxelhub-catalog-'));
    await mkdir(join(folder, 'datasets'));
    // A made-up entry: the route serves whatever the folder holds.
    const entry = {
      id: 'toy-ct',
      name: 'Toy CT',
      summary: 'Not a real dataset.',
      modalities: ['ct'],
      bodyRegions: ['abdomen'],
      tasks: ['segmentation'],
      annotationTypes: ['mask'],
      labels: [],
      subjects: null,
      images: null,
      imageUnit: 'volumes',
      fileFormats: ['nifti'],
      license: 'CC BY 4.0',
      access: 'open',
      year: null,
      url: 'https://example.org',
      citation: 'None.',
      sources: [{ url: 'https://example.org', checked: '2026-11-28', facts: 'none' }],
    };
    await writeFile(join(folder, 'datasets', 'toy-ct.json'), JSON.stringify(entry));
    process.env.VOXELHUB_CATALOG = folder;
    database = await createTestDatabase('sqlite');
    f = await createProjectFixture(database.database);
  });
  afterAll(async () => {
    await f.close();
    await database.drop();
    if (saved === undefined) delete process.env.VOXELHUB_CATALOG;
    else process.env.VOXELHUB_CATALOG = saved;
    await rm(folder, { recursive: true, force: true });
  });

  it('serves the catalog to any signed-in user, with an ETag, and to nobody else', async () => {
    const res = await f.as('annotator', { method: 'GET', url: '/api/catalog' });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.datasets.map((d: { id: string }) => d.id)).toEqual(['toy-ct']);
    expect(body.tools).toEqual([]);
    const again = await f.as('outsider', {
      method: 'GET',
      url: '/api/catalog',
      headers: { 'if-none-match': res.headers.etag as string },
    });
    expect(again.statusCode).toBe(304);
    expect((await f.as('anonymous', { method: 'GET', url: '/api/catalog' })).statusCode).toBe(401);
  });
});
