import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../main.js';
import { capturedRun } from '../test-support/captured-run.js';

/**
 * `voxelhub agreement` on a data folder where three readers finished one item whose agreement job has not
 * run (no server): --compute measures it here, then the report is printed.
 */

const work = mkdtempSync(join(tmpdir(), 'voxelhub-agreement-cli-'));
const PROJECT = 'Readers';
afterAll(() => rmSync(work, { recursive: true, force: true }));

function run(...argv: string[]) {
  return capturedRun(() => main(argv));
}

/** Three readers' "carina" landmarks, in mm: (0,0,0), (3,4,0), (0,0,0). Pair distances 5, 0 and 5. */
const PLACES: [number, number, number][] = [
  [0, 0, 0],
  [3, 4, 0],
  [0, 0, 0],
];

beforeAll(async () => {
  const server = await import('@voxelhub/server');
  const data = await server.openServerData(server.loadConfig({}, ['--data-dir', work], work));
  try {
    const db = data.database.db;
    const projectId = randomUUID();
    await db
      .insertInto('projects')
      .values({ id: projectId, name: PROJECT, settings: '{"readersPerItem":3}' })
      .execute();
    const labelId = randomUUID();
    await db
      .insertInto('labels')
      .values({ id: labelId, project_id: projectId, name: 'Carina', type: 'point', colour: '#00ff00' })
      .execute();
    const imageId = randomUUID();
    await db
      .insertInto('images')
      .values({
        id: imageId,
        project_id: projectId,
        content_hash: randomUUID(),
        blob_key: 'b'.repeat(64),
        format: 'png',
      })
      .execute();
    const itemId = randomUUID();
    await db
      .insertInto('quality_items')
      .values({ id: itemId, project_id: projectId, image_id: imageId, status: 'computing' })
      .execute();
    for (const [i, place] of PLACES.entries()) {
      const userId = randomUUID();
      await db
        .insertInto('users')
        .values({ id: userId, username: `reader${i}`, display_name: `Reader ${i}`, password_hash: null })
        .execute();
      await db
        .insertInto('members')
        .values({ project_id: projectId, user_id: userId, role: 'annotator' })
        .execute();
      const at = new Date(Date.UTC(2026, 10, 28, 9, i)).toISOString();
      await db
        .insertInto('tasks')
        .values({
          id: randomUUID(),
          project_id: projectId,
          image_id: imageId,
          assignee_id: userId,
          item_id: itemId,
          status: 'done',
          started_at: at,
          completed_at: at,
        })
        .execute();
      const annotationId = randomUUID();
      await db
        .insertInto('annotations')
        .values({
          id: annotationId,
          project_id: projectId,
          image_id: imageId,
          label_id: labelId,
          created_by: userId,
          head_revision: 1,
        })
        .execute();
      const payload = {
        schemaVersion: 2,
        type: 'landmark',
        labelId,
        imageRef: { imageId },
        data: { name: 'carina', point: { index: place, patient: place } },
      };
      await db
        .insertInto('annotation_revisions')
        .values({
          annotation_id: annotationId,
          revision: 1,
          author_id: userId,
          schema_version: 2,
          payload: JSON.stringify(payload),
        })
        .execute();
    }
  } finally {
    await data.close();
  }
}, 120_000);

describe('voxelhub agreement', () => {
  it('measures the waiting item with --compute and prints the report as JSON', async () => {
    const r = await run('agreement', '--project', PROJECT, '--compute', '--json', '--data-dir', work);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.summary).toMatchObject({ items: 1, computing: 0, agreed: 1 });
    const [carina] = report.perLabel;
    // Mean of the three pair distances: (5 + 0 + 5) / 3 mm, within the default 5 mm threshold.
    expect(carina).toMatchObject({
      labelName: 'Carina',
      metric: 'distanceMm',
      higherIsBetter: false,
      n: 1,
      threshold: 5,
    });
    expect(carina.mean).toBeCloseTo(10 / 3, 12);
    expect(report.perAnnotator).toHaveLength(3);
    // Reader 1 is 5 mm from both others; readers 0 and 2 are 5 and 0 mm from theirs.
    const byName = Object.fromEntries(
      report.perAnnotator.map((a: { displayName: string; perLabel: { value: number }[] }) => [
        a.displayName,
        a.perLabel[0]!.value,
      ]),
    );
    expect(byName).toEqual({ 'Reader 0': 2.5, 'Reader 1': 5, 'Reader 2': 2.5 });
  });

  it('prints tables without --json', async () => {
    const r = await run('agreement', '--project', PROJECT, '--data-dir', work);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('items: 1 (reading 0, computing 0, agreed 1');
    expect(r.stdout).toMatch(/Carina\s+point\s+distanceMm\s+3\.333/);
    expect(r.stdout).toContain('Reader 1');
  });

  it('names a project that does not exist, and wants --project', async () => {
    const missing = await run('agreement', '--project', 'Nope', '--data-dir', work);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("no project named 'Nope'");
    const usage = await run('agreement', '--data-dir', work);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--project');
  });
});
