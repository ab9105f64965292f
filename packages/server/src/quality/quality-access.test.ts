import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eachDialect } from '../storage/test-databases.js';
import {
  CALLERS,
  type Caller,
  createProjectFixture,
  type ProjectFixture,
} from '../test-support/project-fixture.js';

/**
 * Who may use the quality routes: reading the queue and the dashboard, and deciding, are for owners,
 * managers and reviewers (and site administrators); creating items and recomputing for owners and
 * managers. Annotators get 403 (a blind reader must not see others' agreement), outsiders 404 (the
 * project is not theirs to know of), the anonymous 401.
 */

const READERS_OF_QUALITY: readonly Caller[] = ['owner', 'manager', 'reviewer', 'admin'];
const MANAGERS: readonly Caller[] = ['owner', 'manager', 'admin'];

function expected(caller: Caller, allowed: readonly Caller[]): 'allowed' | 401 | 403 | 404 {
  if (caller === 'anonymous') return 401;
  if (caller === 'outsider') return 404;
  return allowed.includes(caller) ? 'allowed' : 403;
}

eachDialect('quality routes: who may do what', (context) => {
  let f: ProjectFixture;
  beforeAll(async () => {
    f = await createProjectFixture(context.database, { imports: { worker: false } });
  });
  afterAll(() => f.close());

  const missingItem = randomUUID();
  const routes = [
    { name: 'the review queue', method: 'GET', path: '/items?status=disputed', allowed: READERS_OF_QUALITY },
    { name: 'the dashboard', method: 'GET', path: '/quality', allowed: READERS_OF_QUALITY },
    { name: 'an item', method: 'GET', path: `/items/${missingItem}`, allowed: READERS_OF_QUALITY },
    {
      name: 'a decision',
      method: 'POST',
      path: `/items/${missingItem}/decision`,
      payload: { action: 'accept-consensus' },
      allowed: READERS_OF_QUALITY,
    },
    {
      name: 'creating items',
      method: 'POST',
      path: '/items',
      payload: { items: [{ imageId: randomUUID() }] },
      allowed: MANAGERS,
    },
    { name: 'recomputing', method: 'POST', path: '/quality/recompute', allowed: MANAGERS },
  ] as const;

  for (const route of routes) {
    describe(route.name, () => {
      for (const caller of CALLERS) {
        const want = expected(caller, route.allowed);
        it(`${caller}: ${want}`, async () => {
          const res = await f.as(caller, {
            method: route.method,
            url: `/api/projects/${f.projectId}${route.path}`,
            ...('payload' in route ? { payload: route.payload } : {}),
          });
          if (want === 'allowed') expect([200, 202, 404, 400], res.body).toContain(res.statusCode);
          else expect(res.statusCode, res.body).toBe(want);
          // An allowed caller is refused only for what the request names (the missing item or image).
          if (want === 'allowed' && res.statusCode >= 400)
            expect(res.json().error.message).toMatch(/no (quality item|image)/);
        });
      }
    });
  }
});
