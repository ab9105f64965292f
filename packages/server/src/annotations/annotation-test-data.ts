import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import type { Kysely } from 'kysely';
import { expect } from 'vitest';
import type { DatabaseSchema, LabelType } from '../storage/schema.js';
import { insertDicomImage } from '../storage/test-rows.js';
import type { Caller, ProjectFixture } from '../test-support/project-fixture.js';

/** Test data for the annotation, task and review routes: images, typed labels and valid payloads. */

export async function insertTypedLabel(
  db: Kysely<DatabaseSchema>,
  projectId: string,
  type: LabelType,
): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('labels')
    .values({ id, project_id: projectId, name: `${type}-${id.slice(0, 8)}`, type, colour: '#3366aa' })
    .execute();
  return id;
}

/** One DICOM image in its series, and a point, a box and a mask label, in the fixture's project. */
export async function seedImaging(fixture: ProjectFixture) {
  const db = fixture.database.db;
  const image = await insertDicomImage(db, fixture.projectId);
  return {
    ...image,
    pointLabel: await insertTypedLabel(db, fixture.projectId, 'point'),
    boxLabel: await insertTypedLabel(db, fixture.projectId, 'box'),
    maskLabel: await insertTypedLabel(db, fixture.projectId, 'mask'),
  };
}

/** A landmark (a point label's payload) at index (x, y, 0) of a 0.5 mm grid. */
export function landmarkPayload(labelId: string, imageId: string, x = 10, y = 20) {
  return {
    schemaVersion: 2,
    type: 'landmark',
    labelId,
    imageRef: { imageId, sliceIndex: 0 },
    data: { name: 'carina', point: { index: [x, y, 0], patient: [x / 2, y / 2, 0] } },
  };
}

/** A 2D box (a box label's payload). */
export function boxPayload(labelId: string, imageId: string) {
  const corner = (i: number, j: number) => ({ index: [i, j, 0], patient: [i / 2, j / 2, 0] });
  return {
    schemaVersion: 1,
    type: 'box2d',
    labelId,
    imageRef: { imageId, sliceIndex: 0 },
    data: { min: corner(1, 2), max: corner(30, 40) },
  };
}

/** An inline RLE mask of `width` × `height` with alternating runs of `run` pixels (a mask label's payload). */
export function maskPayload(labelId: string, imageId: string, width: number, height: number, run = 1) {
  const runs: number[] = [];
  let left = width * height;
  while (left > 0) {
    const next = Math.min(run, left);
    runs.push(next);
    left -= next;
  }
  return {
    schemaVersion: 1,
    type: 'segmentation',
    labelId,
    imageRef: { imageId, sliceIndex: 0 },
    data: {
      representation: 'rle',
      mask: { width, height, runs },
      segment: { index: 1, labelId, name: 'lesion', colour: '#ff0000', locked: false },
    },
  };
}

export function annotationsUrl(fixture: ProjectFixture, rest = ''): string {
  return `/api/projects/${fixture.projectId}/annotations${rest}`;
}

/** Creates a landmark as `caller` and returns the annotation from the 201 answer. */
export async function createLandmark(
  fixture: ProjectFixture,
  caller: Caller,
  seed: { imageId: string; pointLabel: string },
  extra: { taskId?: string } = {},
) {
  const res = await fixture.as(caller, {
    method: 'POST',
    url: annotationsUrl(fixture),
    payload: {
      labelId: seed.pointLabel,
      imageId: seed.imageId,
      ...extra,
      payload: landmarkPayload(seed.pointLabel, seed.imageId),
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().annotation as { id: string; revision: number; createdBy: string };
}

export function errorOf(res: LightMyRequestResponse) {
  return res.json().error as { code: string; message: string; details?: unknown };
}
