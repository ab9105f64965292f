import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type ImageVolume, writeNifti } from '@voxelhub/core';
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../storage/schema.js';
import { uid } from '../storage/test-rows.js';
import type { Caller, ProjectFixture } from '../test-support/project-fixture.js';

/** Test data for label-map blobs: NIfTI files from core's writer and the shared test data, and images. */

const testdata = new URL('../../../../../shared/testdata/', import.meta.url);

/** A real label map from NiiVue's demos: uint8, 384×320×89, gzipped (43 KB). */
export const torsoLabelMap = (): Uint8Array =>
  new Uint8Array(readFileSync(new URL('niivue/torsoLabel.nii.gz', testdata)));

/** A small uint8 label map written by core's NIfTI writer: a block of segment 1 and one of segment 2. */
export function labelMapNifti(
  dims: [number, number, number],
  options: { dataType?: 'uint8' | 'int16' | 'uint16' | 'float32'; version?: 1 | 2 } = {},
): Uint8Array {
  const dataType = options.dataType ?? 'uint8';
  const voxels = dims[0] * dims[1] * dims[2];
  const values = Array.from({ length: voxels }, (_, i) => (i % 7 === 0 ? 1 : i % 11 === 0 ? 2 : 0));
  const data =
    dataType === 'uint8'
      ? Uint8Array.from(values)
      : dataType === 'int16'
        ? Int16Array.from(values)
        : dataType === 'uint16'
          ? Uint16Array.from(values)
          : Float32Array.from(values);
  const image: ImageVolume = {
    kind: 'volume',
    dims,
    spacing: [0.8, 0.8, 2.5],
    origin: [-100, -120, 40],
    direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
    timepoints: 1,
    dataType,
    samplesPerPixel: 1,
    photometricInterpretation: 'MONOCHROME2',
    data,
    meta: {},
    warnings: [],
  };
  return writeNifti(image, options.version ? { version: options.version } : {});
}

export function blobsUrl(fixture: ProjectFixture, key = ''): string {
  return `/api/projects/${fixture.projectId}/annotation-blobs${key ? `/${key}` : ''}`;
}

export function uploadAs(fixture: ProjectFixture, caller: Caller, bytes: Uint8Array) {
  return fixture.as(caller, {
    method: 'POST',
    url: blobsUrl(fixture),
    headers: { 'content-type': 'application/octet-stream' },
    payload: Buffer.from(bytes),
  });
}

/** A standalone image (as a NIfTI import stores it) whose geometry has `dims`. */
export async function insertVolumeImage(
  db: Kysely<DatabaseSchema>,
  projectId: string,
  dims: [number, number, number],
): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('images')
    .values({
      id,
      project_id: projectId,
      series_id: null,
      sop_instance_uid: null,
      content_hash: randomUUID(),
      blob_key: 'b'.repeat(64),
      format: 'nifti',
      geometry: JSON.stringify({ dims, spacing: [1, 1, 1], origin: [0, 0, 0], timepoints: 1 }),
    })
    .execute();
  return id;
}

/** More DICOM instances of `columns` × `rows` in an existing series (as the import stores their geometry). */
export async function insertSeriesInstances(
  db: Kysely<DatabaseSchema>,
  projectId: string,
  seriesId: string,
  count: number,
  columns: number,
  rows: number,
): Promise<string[]> {
  const ids = Array.from({ length: count }, () => randomUUID());
  for (const [i, id] of ids.entries()) {
    await db
      .insertInto('images')
      .values({
        id,
        project_id: projectId,
        series_id: seriesId,
        sop_instance_uid: uid(),
        content_hash: randomUUID(),
        blob_key: 'c'.repeat(64),
        format: 'dicom',
        geometry: JSON.stringify({ columns, rows, frames: 1, instanceNumber: i + 1 }),
      })
      .execute();
  }
  return ids;
}

/** A `labelMap` segmentation payload naming `blobKey`, on `imageId`. */
export function labelMapPayload(labelId: string, imageId: string, blobKey: string) {
  return {
    schemaVersion: 1,
    type: 'segmentation',
    labelId,
    imageRef: { imageId },
    data: {
      representation: 'labelMap',
      blobKey,
      format: 'nifti',
      segments: [{ index: 1, labelId, name: 'liver', colour: '#aa3300', locked: false }],
    },
  };
}
