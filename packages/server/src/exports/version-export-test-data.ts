import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assembleSeries, type ImageGeometry, indexToPatient, readNifti, type Vec3 } from '@voxelhub/core';
import { SCT, UCUM } from '@voxelhub/core/annotation';
import { readDicomHeaderSync } from '@voxelhub/core/node';
import { labelMapToNifti } from '@voxelhub/core/segmentation';
import { expect } from 'vitest';
import { maskPayload } from '../annotations/annotation-test-data.js';
import { importFile } from '../import/import-file.js';
import { pngBytes, TESTDATA } from '../import/import-test-files.js';
import type { ProjectFixture } from '../test-support/project-fixture.js';

/**
 * A small real project for the export tests: a 5-slice CT series (pydicom's CT5N, 16×16) annotated as a
 * series, a NIfTI volume (nibabel's anatomical.nii, 33×41×25) and a 24×20 PNG, with mask (label map and
 * inline), box, landmark, length and classification annotations made through the API, frozen as a version.
 */

export const CT_DIR = join(TESTDATA, 'pydicom/dicomdirtests/98892001/CT5N');
export const NIFTI_FILE = join(TESTDATA, 'nibabel/anatomical.nii');
export const PNG_SIZE = [24, 20] as const;

export interface ExportTestProject {
  readonly versionId: string;
  readonly seriesId: string;
  readonly niftiId: string;
  readonly pngId: string;
  readonly labels: Record<'liver' | 'lesion' | 'nodule' | 'carina' | 'diameter' | 'finding', string>;
  /** The CT label map as uploaded (segment 1 liver, 2 lesion) on the series' assembled grid. */
  readonly ctLabelMap: { readonly voxels: Uint8Array; readonly geometry: ImageGeometry };
  /** The NIfTI's label map as uploaded (segment 1 liver). */
  readonly niftiLabelMap: { readonly voxels: Uint8Array; readonly geometry: ImageGeometry };
  /** Annotation ids by what they are. */
  readonly annotations: Record<string, string>;
}

const point = (geometry: ImageGeometry, index: Vec3) => ({
  index: [...index],
  patient: [...indexToPatient(geometry, index)],
});

function ctGeometry(): ImageGeometry {
  const headers = readdirSync(CT_DIR).map((name) => readDicomHeaderSync(join(CT_DIR, name)));
  const [plan] = assembleSeries(headers);
  return plan!.geometry;
}

/** A label map of `geometry` with `paint(i, j, k)` giving each voxel's segment. */
function paintedMap(geometry: ImageGeometry, paint: (i: number, j: number, k: number) => number): Uint8Array {
  const [nx, ny, nz] = geometry.dims;
  const voxels = new Uint8Array(nx * ny * nz);
  for (let k = 0; k < nz; k++)
    for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) voxels[i + nx * (j + ny * k)] = paint(i, j, k);
  return voxels;
}

export async function seedExportTestProject(f: ProjectFixture): Promise<ExportTestProject> {
  const db = f.database.db;
  const ctx = { db, blobs: f.blobs, vault: f.vault };
  const files = [
    ...readdirSync(CT_DIR).map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(CT_DIR, name))) })),
    { name: 'anatomical.nii', bytes: new Uint8Array(readFileSync(NIFTI_FILE)) },
    { name: 'picture.png', bytes: pngBytes(PNG_SIZE[0], PNG_SIZE[1], 40) },
  ];
  for (const file of files) expect((await importFile(ctx, f.projectId, file)).status).toBe('imported');
  const rows = await db
    .selectFrom('images')
    .select(['id', 'format', 'series_id'])
    .where('project_id', '=', f.projectId)
    .execute();
  const ctRows = rows.filter((r) => r.format === 'dicom');
  const seriesId = ctRows[0]!.series_id!;
  const niftiId = rows.find((r) => r.format === 'nifti')!.id;
  const pngId = rows.find((r) => r.format === 'png')!.id;
  const instanceId = ctRows[0]!.id;
  const url = (rest: string) => `/api/projects/${f.projectId}${rest}`;

  const label = async (name: string, type: string, extra: Record<string, unknown> = {}) => {
    const colour = '#3366aa';
    const res = await f.as('manager', {
      method: 'POST',
      url: url('/labels'),
      payload: { name, type, colour, ...extra },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  const labels = {
    liver: await label('Liver', 'mask'),
    lesion: await label('Lesion', 'mask'),
    nodule: await label('Nodule', 'box'),
    carina: await label('Carina', 'point'),
    diameter: await label('Diameter', 'measurement'),
    finding: await label('Finding', 'classification', {
      classification: { kind: 'single', options: ['normal', 'abnormal'].map((id) => ({ id, name: id })) },
    }),
  };
  const annotations: Record<string, string> = {};
  const annotate = async (key: string, target: Record<string, string>, payload: Record<string, unknown>) => {
    const res = await f.as('annotator', {
      method: 'POST',
      url: url('/annotations'),
      payload: { labelId: payload.labelId, ...target, payload },
    });
    expect(res.statusCode, res.body).toBe(201);
    annotations[key] = res.json().annotation.id;
  };
  const upload = async (bytes: Uint8Array) => {
    const res = await f.as('annotator', {
      method: 'POST',
      url: url('/annotation-blobs'),
      headers: { 'content-type': 'application/octet-stream' },
      payload: Buffer.from(bytes),
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().blobKey as string;
  };
  const segment = (index: number, labelId: string, name: string) => ({
    index,
    labelId,
    name,
    colour: '#aa3300',
    locked: false,
  });

  // The CT series: a label map of liver (slices 1–3) holding a lesion (slice 2), a landmark, a length, a box.
  const ct = ctGeometry();
  const ctVoxels = paintedMap(ct, (i, j, k) =>
    k === 2 && i >= 6 && i < 9 && j >= 6 && j < 9
      ? 2
      : k >= 1 && k <= 3 && i >= 4 && i < 11 && j >= 4 && j < 11
        ? 1
        : 0,
  );
  const ctKey = await upload(labelMapToNifti({ dims: ct.dims, voxels: ctVoxels }, ct, { gzip: true }));
  const seriesTarget = { seriesId };
  await annotate('ctMask', seriesTarget, {
    schemaVersion: 1,
    type: 'segmentation',
    labelId: labels.liver,
    imageRef: { imageId: instanceId },
    data: {
      representation: 'labelMap',
      blobKey: ctKey,
      format: 'nifti',
      segments: [segment(1, labels.liver, 'liver'), segment(2, labels.lesion, 'lesion')],
    },
  });
  await annotate('ctLandmark', seriesTarget, {
    schemaVersion: 2,
    type: 'landmark',
    labelId: labels.carina,
    imageRef: { imageId: instanceId, sliceIndex: 2 },
    data: { name: 'carina', point: point(ct, [5, 7, 2]) },
  });
  const [a, b] = [point(ct, [2, 3, 1]), point(ct, [12, 9, 1])];
  const length = Math.hypot(...a.patient.map((v, i) => v - b.patient[i]!));
  await annotate('ctLength', seriesTarget, {
    schemaVersion: 1,
    type: 'length',
    labelId: labels.diameter,
    imageRef: { imageId: instanceId, sliceIndex: 1 },
    data: { points: [a, b], concept: SCT.length, value: length, unit: UCUM.millimetre },
  });
  await annotate('ctBox', seriesTarget, {
    schemaVersion: 1,
    type: 'box2d',
    labelId: labels.nodule,
    imageRef: { imageId: instanceId, sliceIndex: 3 },
    data: { min: point(ct, [3, 4, 3]), max: point(ct, [9, 12, 3]) },
  });

  // The NIfTI: a liver label map over slice 0's first rows, and an inline lesion mask striped across it.
  const nii = readNifti(new Uint8Array(readFileSync(NIFTI_FILE)));
  const niiGeometry: ImageGeometry = {
    dims: nii.dims,
    spacing: nii.spacing,
    origin: nii.origin,
    direction: nii.direction,
  };
  const niiVoxels = paintedMap(niiGeometry, (_i, j, k) => (k === 0 && j < 10 ? 1 : 0));
  const niiKey = await upload(
    labelMapToNifti({ dims: nii.dims, voxels: niiVoxels }, niiGeometry, { gzip: true }),
  );
  await annotate(
    'niftiMask',
    { imageId: niftiId },
    {
      schemaVersion: 1,
      type: 'segmentation',
      labelId: labels.liver,
      imageRef: { imageId: niftiId },
      data: {
        representation: 'labelMap',
        blobKey: niiKey,
        format: 'nifti',
        segments: [segment(1, labels.liver, 'liver')],
      },
    },
  );
  await annotate(
    'niftiLesion',
    { imageId: niftiId },
    maskPayload(labels.lesion, niftiId, nii.dims[0], nii.dims[1], nii.dims[0] * 4),
  );

  // The PNG: a box and a classification.
  const png: ImageGeometry = {
    dims: [PNG_SIZE[0], PNG_SIZE[1], 1],
    spacing: [1, 1, 1],
    origin: [0, 0, 0],
    direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
  };
  await annotate(
    'pngBox',
    { imageId: pngId },
    {
      schemaVersion: 1,
      type: 'box2d',
      labelId: labels.nodule,
      imageRef: { imageId: pngId, sliceIndex: 0 },
      data: { min: point(png, [2, 3, 0]), max: point(png, [10, 12, 0]) },
    },
  );
  await annotate(
    'pngFinding',
    { imageId: pngId },
    {
      schemaVersion: 1,
      type: 'classification',
      labelId: labels.finding,
      imageRef: { imageId: pngId },
      data: { level: 'image', value: { kind: 'single', choice: 'abnormal' } },
    },
  );

  const version = await f.as('manager', {
    method: 'POST',
    url: url('/versions'),
    payload: { name: 'export test v1', source: 'all', splits: { seed: 1, train: 1, validation: 0, test: 0 } },
  });
  expect(version.statusCode, version.body).toBe(201);
  return {
    versionId: version.json().version.id,
    seriesId,
    niftiId,
    pngId,
    labels,
    ctLabelMap: { voxels: ctVoxels, geometry: ct },
    niftiLabelMap: { voxels: niiVoxels, geometry: niiGeometry },
    annotations,
  };
}
