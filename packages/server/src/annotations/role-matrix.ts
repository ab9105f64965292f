import type { InjectOptions } from 'fastify';
import { expect, it } from 'vitest';
import { CALLERS, type Caller, type ProjectFixture } from '../test-support/project-fixture.js';

/**
 * Route tests as a table: one row per route, one expected status per caller, in the order of CALLERS
 * (owner, manager, annotator, reviewer, viewer, outsider, admin, anonymous). `request` builds the request
 * for one caller, with fresh state when the route changes something (so each caller's attempt stands on
 * its own).
 */
export interface MatrixRow {
  readonly route: string;
  readonly request: (caller: Caller) => Promise<InjectOptions>;
  readonly expected: readonly number[];
}

export function testRoleMatrix(fixture: () => ProjectFixture, rows: readonly MatrixRow[]): void {
  for (const row of rows) {
    if (row.expected.length !== CALLERS.length) throw new Error(`${row.route}: one status per caller`);
    it(`${row.route}: ${CALLERS.map((c, i) => `${c} ${row.expected[i]}`).join(', ')}`, async () => {
      const got: Partial<Record<Caller, number>> = {};
      const want: Partial<Record<Caller, number>> = {};
      for (const [i, caller] of CALLERS.entries()) {
        const res = await fixture().as(caller, await row.request(caller));
        got[caller] = res.statusCode;
        want[caller] = row.expected[i]!;
      }
      expect(got).toEqual(want);
    });
  }
}
