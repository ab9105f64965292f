import { afterAll, describe, expect, it } from 'vitest';
import { buildApp, SERVER_VERSION } from './build-app.js';

describe('buildApp', async () => {
  const app = await buildApp();
  afterAll(() => app.close());

  it('answers GET /api/health with the version', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', version: SERVER_VERSION });
  });

  it('answers unknown routes with a 404 in the error shape', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({
      error: { code: 'NOT_FOUND', message: 'GET /api/nothing-here: there is nothing at this address' },
    });
  });

  it('sends security headers (helmet)', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/health' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
  });
});
