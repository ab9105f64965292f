import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app/build-app.js';

describe('the web app at /', () => {
  const root = mkdtempSync(join(tmpdir(), 'voxelhub-web-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Voxelhub app</title>');
  writeFileSync(join(root, 'assets', 'app-1a2b3c.js'), 'console.log("app")');
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('serves the built files, and index.html for the app’s own paths', async () => {
    const app = await buildApp({ webRoot: root });
    const index = await app.inject({ method: 'GET', url: '/' });
    expect(index.statusCode).toBe(200);
    expect(index.body).toContain('Voxelhub app');
    expect(index.headers['cache-control']).toBe('no-cache');
    const asset = await app.inject({ method: 'GET', url: '/assets/app-1a2b3c.js' });
    expect(asset.body).toBe('console.log("app")');
    expect(asset.headers['cache-control']).toContain('immutable');
    const deep = await app.inject({ method: 'GET', url: '/projects/123/viewer' });
    expect(deep.statusCode).toBe(200);
    expect(deep.body).toContain('Voxelhub app');
    await app.close();
  });

  it('keeps API and DICOMweb misses as JSON 404s, and never serves files outside its folder', async () => {
    const app = await buildApp({ webRoot: root });
    for (const url of ['/api/nothing-here', '/dicomweb/nothing', '/api', '/assets/app-old.js']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(404);
      expect(res.json().error.code).toBe('NOT_FOUND');
    }
    const traversal = await app.inject({ method: 'GET', url: '/assets/..%2f..%2f..%2fetc%2fpasswd' });
    expect(traversal.body).not.toContain('root:');
    await app.close();
  });

  it('says how to build the app when it is not built', async () => {
    const app = await buildApp({ webRoot: join(root, 'missing') });
    const res = await app.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('/api/docs');
    await app.close();
  });
});
