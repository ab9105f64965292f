import { afterAll, beforeAll, expect, it } from 'vitest';
import { eachDialect } from '../storage/test-databases.js';
import { createProjectFixture, type ProjectFixture } from '../test-support/project-fixture.js';
import {
  annotationsUrl,
  createLandmark,
  errorOf,
  landmarkPayload,
  seedImaging,
} from './annotation-test-data.js';

const WRITERS = 8;

eachDialect('annotation saves under concurrency', (context) => {
  let fixture: ProjectFixture;
  let seed: Awaited<ReturnType<typeof seedImaging>>;

  beforeAll(async () => {
    fixture = await createProjectFixture(context.database);
    seed = await seedImaging(fixture);
  });
  afterAll(() => fixture.close());

  const save = (id: string, baseRevision: number, x: number) =>
    fixture.as('annotator', {
      method: 'PUT',
      url: annotationsUrl(fixture, `/${id}`),
      payload: { baseRevision, payload: landmarkPayload(seed.pointLabel, seed.imageId, x, x) },
    });

  async function chain(id: string) {
    const rows = await context.database.db
      .selectFrom('annotation_revisions')
      .select(['revision', 'base_revision'])
      .where('annotation_id', '=', id)
      .orderBy('revision')
      .execute();
    const head = await context.database.db
      .selectFrom('annotations')
      .select('head_revision')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    return { rows, head: head.head_revision };
  }

  it(`lets exactly one of ${WRITERS} parallel saves on the same base through, three rounds running`, async () => {
    const created = await createLandmark(fixture, 'annotator', seed);
    for (let round = 1; round <= 3; round++) {
      const answers = await Promise.all(
        Array.from({ length: WRITERS }, (_, writer) => save(created.id, round, round * 100 + writer)),
      );
      const statuses = answers.map((res) => res.statusCode).sort();
      expect(statuses).toEqual([200, ...Array(WRITERS - 1).fill(409)]);
      const winner = answers.find((res) => res.statusCode === 200)!.json().annotation;
      expect(winner.revision).toBe(round + 1);
      // Every loser is told the head it lost to: the winner's revision, in full.
      for (const res of answers.filter((r) => r.statusCode === 409))
        expect(errorOf(res).details).toEqual({ current: winner });
    }
    const { rows, head } = await chain(created.id);
    expect(head).toBe(4);
    expect(rows).toEqual([
      { revision: 1, base_revision: null },
      { revision: 2, base_revision: 1 },
      { revision: 3, base_revision: 2 },
      { revision: 4, base_revision: 3 },
    ]);
  });

  it('loses no update when every writer retries on the head a 409 names', async () => {
    const created = await createLandmark(fixture, 'annotator', seed);
    const writeUntilSaved = async (writer: number) => {
      let base = 1;
      for (let attempt = 0; attempt < 100; attempt++) {
        const res = await save(created.id, base, writer);
        if (res.statusCode === 200) return res.json().annotation.revision as number;
        expect(res.statusCode).toBe(409);
        base = (errorOf(res).details as { current: { revision: number } }).current.revision;
      }
      throw new Error(`writer ${writer} never saved`);
    };
    const revisions = await Promise.all(Array.from({ length: WRITERS }, (_, w) => writeUntilSaved(w)));
    expect([...revisions].sort((a, b) => a - b)).toEqual(Array.from({ length: WRITERS }, (_, i) => i + 2));
    const { rows, head } = await chain(created.id);
    expect(head).toBe(WRITERS + 1);
    expect(rows.map((r) => r.revision)).toEqual(Array.from({ length: WRITERS + 1 }, (_, i) => i + 1));
    expect(rows.every((r) => r.base_revision === (r.revision === 1 ? null : r.revision - 1))).toBe(true);
  });
});
