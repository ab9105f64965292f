import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { type ImageGeometry, parseDicom, text } from '@voxelhub/core';
import type { AnnotationPayload } from '@voxelhub/core/annotation';
import type { ExportAnnotation, ExportDataset, ExportFile, ExportImage } from '@voxelhub/core/export';
import { type LabelMap, labelMapFromNifti, labelMapToNifti } from '@voxelhub/core/segmentation';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { selectHeads } from '../annotations/annotation-rows.js';
import { CT_SMALL, pngBytes } from '../import/import-test-files.js';
import { loadProjectLabels } from '../projects/numbered-labels.js';
import type { Database } from '../storage/open-database.js';
import { createProjectFixture, type ProjectFixture } from '../test-support/project-fixture.js';
import {
  CT5N_DIR,
  filesIn,
  STANDARD_NII_GZ,
  upload,
  waitForJob,
  zipBytes,
} from '../uploads/upload-test-support.js';
import { type ImportCase, loadProjectCases } from './project-cases.js';

/**
 * Test support for annotation imports: a project holding real images (a NIfTI volume, a DICOM series, one
 * DICOM instance, a PNG) and labels of every type, annotations made through the API, an ExportDataset of
 * them for core's writers, and the import request.
 */

export const LABELS = {
  box: { name: 'Nodule', type: 'box', colour: '#ff0000' },
  polygon: { name: 'Outline', type: 'polygon', colour: '#00ff00' },
  liver: { name: 'Liver', type: 'mask', colour: '#aa5500' },
  tumour: { name: 'Tumour', type: 'mask', colour: '#5500aa' },
  point: { name: 'Apex', type: 'point', colour: '#0000ff' },
  size: { name: 'Size', type: 'measurement', colour: '#ffff00' },
  finding: {
    name: 'Finding',
    type: 'classification',
    colour: '#00ffff',
    classification: {
      kind: 'single',
      options: [
        { id: 'normal', name: 'Normal' },
        { id: 'abnormal', name: 'Abnormal' },
      ],
    },
  },
  note: {
    name: 'Note',
    type: 'classification',
    colour: '#ff00ff',
    classification: { kind: 'text', options: [] },
  },
} as const;

export type LabelKey = keyof typeof LABELS;

export interface Imaging {
  readonly f: ProjectFixture;
  readonly nifti: ImportCase;
  readonly series: ImportCase;
  readonly ct: ImportCase;
  readonly png: ImportCase;
  readonly labels: Record<LabelKey, string>;
  /** Study, frame of reference and SOP class of the DICOM series, read from its files. */
  readonly seriesDicom: { study: string; frameOfReference: string; sopClass: string };
}

export async function createImaging(database: Database): Promise<Imaging> {
  const f = await createProjectFixture(database);
  const files = [
    { name: 'volume.nii.gz', bytes: await readFile(STANDARD_NII_GZ) },
    { name: 'ct_small.dcm', bytes: await readFile(CT_SMALL) },
    { name: 'photo.png', bytes: pngBytes(24, 20) },
    ...(await Promise.all(
      (
        await filesIn(CT5N_DIR)
      ).map(async (path, i) => ({ name: `ct5n_${i}.dcm`, bytes: await readFile(path) })),
    )),
  ];
  const res = await upload(f, files);
  expect(res.statusCode, res.body).toBe(202);
  const job = await waitForJob(f, res.json().jobId);
  expect(job.state, JSON.stringify(job)).toBe('done');
  const cases = [...(await loadProjectCases(f.database.db, f.projectId)).values()];
  const formatOf = async (c: ImportCase) =>
    (
      await f.database.db
        .selectFrom('images')
        .select('format')
        .where('id', '=', c.instances[0]!.imageId)
        .executeTakeFirstOrThrow()
    ).format;
  const pick = async (want: (c: ImportCase, format: string) => boolean) => {
    for (const c of cases) if (want(c, await formatOf(c))) return c;
    throw new Error('the test project lacks an image');
  };
  const labels = {} as Record<LabelKey, string>;
  for (const [key, label] of Object.entries(LABELS)) {
    const made = await f.as('manager', {
      method: 'POST',
      url: `/api/projects/${f.projectId}/labels`,
      payload: label,
    });
    expect(made.statusCode, made.body).toBe(201);
    labels[key as LabelKey] = made.json().id;
  }
  const first = parseDicom(await readFile((await filesIn(CT5N_DIR))[0]!)).dataSet;
  return {
    f,
    nifti: await pick((_c, format) => format === 'nifti'),
    png: await pick((_c, format) => format === 'png'),
    series: await pick((c) => c.kind === 'series'),
    ct: await pick((c, format) => c.kind === 'image' && format === 'dicom'),
    labels,
    seriesDicom: {
      study: text(first, 'x0020000d')!,
      frameOfReference: text(first, 'x00200052')!,
      sopClass: text(first, 'x00080016')!,
    },
  };
}

export function targetOf(c: ImportCase) {
  return c.kind === 'series' ? { seriesId: c.id } : { imageId: c.id };
}

export async function annotate(im: Imaging, c: ImportCase, payload: AnnotationPayload): Promise<void> {
  const res = await im.f.as('manager', {
    method: 'POST',
    url: `/api/projects/${im.f.projectId}/annotations`,
    payload: { labelId: payload.labelId, ...targetOf(c), payload },
  });
  expect(res.statusCode, res.body).toBe(201);
}

/** A label map on `c`'s grid: a block of Liver (1) with a smaller block of Tumour (2) inside. */
export function blockLabelMap(c: ImportCase): LabelMap {
  const [nx, ny, nz] = c.geometry!.dims;
  const voxels = new Uint8Array(nx * ny * nz);
  for (let k = 0; k < nz; k++)
    for (let j = 1; j < ny - 1; j++)
      for (let i = 1; i < nx - 1; i++) voxels[i + nx * (j + ny * k)] = i < nx / 2 && j < ny / 2 ? 2 : 1;
  return { dims: [nx, ny, nz], voxels };
}

/** Uploads a label map as the viewer does and makes its segmentation (Liver 1, Tumour 2). */
export async function annotateLabelMap(im: Imaging, c: ImportCase, map: LabelMap): Promise<void> {
  const { f } = im;
  const put = await f.as('manager', {
    method: 'POST',
    url: `/api/projects/${f.projectId}/annotation-blobs`,
    headers: { 'content-type': 'application/octet-stream' },
    payload: Buffer.from(labelMapToNifti(map, c.geometry!, { gzip: true })),
  });
  expect(put.statusCode, put.body).toBe(201);
  const segment = (index: number, key: 'liver' | 'tumour') => ({
    index,
    labelId: im.labels[key],
    name: LABELS[key].name,
    colour: LABELS[key].colour,
    locked: false,
  });
  await annotate(im, c, {
    schemaVersion: 1,
    type: 'segmentation',
    labelId: im.labels.liver,
    imageRef: { imageId: c.instances[0]!.imageId },
    data: {
      representation: 'labelMap',
      blobKey: put.json().blobKey,
      format: 'nifti',
      segments: [segment(1, 'liver'), segment(2, 'tumour')],
    },
  });
}

export interface StoredAnnotation {
  readonly id: string;
  readonly revision: number;
  readonly caseId: string;
  readonly labelId: string;
  readonly payload: AnnotationPayload;
}

/** The project's live annotations, with the case each is on. */
export async function liveAnnotations(im: Imaging): Promise<StoredAnnotation[]> {
  const rows = await selectHeads(im.f.database.db)
    .where('a.project_id', '=', im.f.projectId)
    .where('r.deleted', '=', 0)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    revision: row.revision,
    caseId: (row.series_id ?? row.image_id)!,
    labelId: row.label_id,
    payload: JSON.parse(row.payload) as AnnotationPayload,
  }));
}

/** Deletes every live annotation through the API (tombstones), so an import can bring them back. */
export async function deleteAll(im: Imaging): Promise<void> {
  for (const a of await liveAnnotations(im)) {
    const res = await im.f.as('manager', {
      method: 'DELETE',
      url: `/api/projects/${im.f.projectId}/annotations/${a.id}?baseRevision=${a.revision}`,
    });
    expect(res.statusCode, res.body).toBe(204);
  }
}

function caseOf(im: Imaging, id: string): ImportCase {
  return [im.nifti, im.series, im.ct, im.png].find((c) => c.id === id)!;
}

/** The stored payload on its case, as formats hold it: imageRef.imageId is the case id. */
export function caseLevel(a: StoredAnnotation): ExportAnnotation {
  return {
    id: a.id,
    imageId: a.caseId,
    labelId: a.labelId,
    payload: { ...a.payload, imageRef: { ...a.payload.imageRef, imageId: a.caseId } } as AnnotationPayload,
  };
}

/**
 * The ExportDataset core's writers take, of the live annotations: case names are the case ids (matching
 * rule c), or case_0001… with a manifest.json that maps them (rule a).
 */
export async function exportDataset(
  im: Imaging,
  naming: 'ids' | 'manifest',
): Promise<{ dataset: ExportDataset; manifest?: ExportFile }> {
  const stored = await liveAnnotations(im);
  const ids = [...new Set(stored.map((a) => a.caseId))].sort();
  const images: ExportImage[] = ids.map((id, i) => {
    const c = caseOf(im, id);
    return {
      id,
      subjectId: id,
      caseName: naming === 'ids' ? id : `case_${String(i + 1).padStart(4, '0')}`,
      format: c.kind === 'series' || c === im.ct ? 'dicom' : c === im.png ? 'png' : 'nifti',
      modality: c.kind === 'series' || c === im.ct ? 'CT' : null,
      geometry: c.geometry!,
    };
  });
  const dataset: ExportDataset = {
    name: 'roundtrip',
    images,
    labels: await loadProjectLabels(im.f.database.db, im.f.projectId),
    annotations: stored.map(caseLevel),
  };
  if (naming === 'ids') return { dataset };
  const manifest = {
    schema: 1,
    cases: images.map((image) => ({
      id: image.id,
      kind: caseOf(im, image.id).kind,
      caseName: image.caseName,
    })),
  };
  return {
    dataset,
    manifest: { path: 'manifest.json', bytes: new TextEncoder().encode(JSON.stringify(manifest)) },
  };
}

/**
 * The composed label map of a case's label-map segmentations: segment index → label classIndex (what
 * nnU-Net's and the Decathlon's writers take), or → the label's place among the mask labels (a bare NIfTI).
 */
export async function composedLabelMap(
  im: Imaging,
  dataset: ExportDataset,
  caseId: string,
  numbering: 'classIndex' | 'maskOrder' = 'classIndex',
) {
  const masks = dataset.labels.filter((l) => l.type === 'mask');
  const classOf = new Map(
    dataset.labels.map((l) => [l.id, numbering === 'classIndex' ? l.classIndex : masks.indexOf(l) + 1]),
  );
  for (const a of dataset.annotations) {
    const p = a.payload;
    if (a.imageId !== caseId || p.type !== 'segmentation' || p.data.representation !== 'labelMap') continue;
    const { map } = labelMapFromNifti(await im.f.blobs.getBytes(p.data.blobKey));
    const indexToClass = new Map(p.data.segments.map((s) => [s.index, classOf.get(s.labelId)!]));
    const voxels = map.voxels.map((v) => (v === 0 ? 0 : indexToClass.get(v)!));
    return { dims: map.dims, voxels, geometry: caseOf(im, caseId).geometry! as ImageGeometry };
  }
  return undefined;
}

/** A multipart body of one file and form fields. */
function multipart(file: { name: string; bytes: Uint8Array }, fields: Record<string, string>) {
  const boundary = `----voxelhub${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of Object.entries(fields))
    chunks.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  chunks.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\n` +
        'Content-Type: application/octet-stream\r\n\r\n',
    ),
    Buffer.from(file.bytes),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return {
    payload: Buffer.concat(chunks),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

export async function importFile(
  im: Imaging,
  file: { name: string; bytes: Uint8Array },
  fields: Record<string, string> = {},
  caller: 'manager' | 'annotator' | 'viewer' = 'manager',
): Promise<LightMyRequestResponse> {
  return im.f.as(caller, {
    method: 'POST',
    url: `/api/projects/${im.f.projectId}/annotation-imports`,
    ...multipart(file, fields),
  });
}

export async function importZip(
  im: Imaging,
  files: readonly ExportFile[],
  fields: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  return importFile(im, { name: 'export.zip', bytes: await zipBytes(files) }, fields);
}

/** Numbers equal within `tolerance`, everything else equal. */
export function expectClose(actual: unknown, expected: unknown, tolerance: number, path = 'payload'): void {
  if (typeof expected === 'number') {
    expect(typeof actual, path).toBe('number');
    expect(Math.abs((actual as number) - expected), `${path}: ${actual} vs ${expected}`).toBeLessThanOrEqual(
      tolerance,
    );
    return;
  }
  if (Array.isArray(expected)) {
    expect(Array.isArray(actual), path).toBe(true);
    expect((actual as unknown[]).length, path).toBe(expected.length);
    expected.forEach((e, i) => {
      expectClose((actual as unknown[])[i], e, tolerance, `${path}[${i}]`);
    });
    return;
  }
  if (expected !== null && typeof expected === 'object') {
    expect(Object.keys(actual as object).sort(), path).toEqual(Object.keys(expected).sort());
    for (const [k, v] of Object.entries(expected))
      expectClose((actual as Record<string, unknown>)[k], v, tolerance, `${path}.${k}`);
    return;
  }
  expect(actual, path).toEqual(expected);
}

/** A stable order for comparing annotations: case, type, label, then the payload's JSON. */
export function sortKey(a: { caseId: string; payload: AnnotationPayload }): string {
  return `${a.caseId}|${a.payload.type}|${a.payload.labelId}|${JSON.stringify(a.payload.imageRef)}`;
}

/**
 * Checks that the live annotations equal `originals`: same cases, labels and types, payloads within
 * `tolerance` voxels/mm, label maps voxel-identical with the same segments.
 */
export async function expectSameAnnotations(
  im: Imaging,
  originals: readonly StoredAnnotation[],
  tolerance = 1e-6,
): Promise<void> {
  const now = [...(await liveAnnotations(im))].sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
  const before = [...originals].sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
  expect(now.map(sortKey)).toEqual(before.map(sortKey));
  for (let n = 0; n < before.length; n++) {
    const [was, is] = [before[n]!, now[n]!];
    expect(is.labelId).toBe(was.labelId);
    const p = was.payload;
    const q = is.payload;
    if (p.type === 'segmentation' && p.data.representation === 'labelMap') {
      if (q.type !== 'segmentation' || q.data.representation !== 'labelMap')
        throw new Error('not a label map');
      expect(q.data.segments).toEqual(p.data.segments);
      const a = labelMapFromNifti(await im.f.blobs.getBytes(p.data.blobKey)).map;
      const b = labelMapFromNifti(await im.f.blobs.getBytes(q.data.blobKey)).map;
      expect(b.dims).toEqual(a.dims);
      expect(Buffer.from(b.voxels.buffer).equals(Buffer.from(a.voxels.buffer))).toBe(true);
      continue;
    }
    expectClose(q, p, tolerance);
  }
}
