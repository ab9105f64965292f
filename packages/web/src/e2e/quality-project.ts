import { readFile } from 'node:fs/promises';
import { encodeBinaryRle } from '@voxelhub/core/annotation';
import { call } from '@voxelhub/server/testing';
import dicomParser from 'dicom-parser';
import { importThroughApi } from './import-through-api.js';
import { createReader, type Reader } from './reader-accounts.js';

/**
 * A three-reader quality project set up through the API, as the server's quality-workflow test does but
 * against the real server process: pydicom's CT_small and MR_small imported, a mask, a box, a point and a
 * classification label, and three annotators who disagree on the CT (READINGS) and agree on the MR
 * (AGREED_READING).
 */

/** pydicom's CT_small: 128 × 128 signed 16-bit CT, one frame. */
export const CT_SMALL = new URL('../../../../../shared/testdata/pydicom/CT_small.dcm', import.meta.url);
/** pydicom's MR_small: 64 × 64 MR, one frame. */
export const MR_SMALL = new URL('../../../../../shared/testdata/pydicom/MR_small.dcm', import.meta.url);

/** Where an axial single-frame image lies in the patient frame, read from its header. */
export interface PlaneGeometry {
  readonly columns: number;
  readonly rows: number;
  readonly origin: readonly [number, number, number];
  /** [column spacing (along x), row spacing (along y)] in mm. */
  readonly spacing: readonly [number, number];
}

export function planeGeometry(bytes: Uint8Array): PlaneGeometry {
  const dataSet = dicomParser.parseDicom(bytes);
  const numbers = (tag: string) => dataSet.string(tag)!.split('\\').map(Number);
  const orientation = numbers('x00200037');
  // Index → patient below assumes the identity orientation CT_small and MR_small have.
  if (orientation.join() !== '1,0,0,0,1,0') throw new Error(`unexpected orientation ${orientation}`);
  const [x, y, z] = numbers('x00200032') as [number, number, number];
  // Pixel Spacing is row spacing \ column spacing (PS3.3 C.7.6.2.1.1).
  const [rowSpacing, columnSpacing] = numbers('x00280030') as [number, number];
  return {
    columns: dataSet.uint16('x00280011')!,
    rows: dataSet.uint16('x00280010')!,
    origin: [x, y, z],
    spacing: [columnSpacing, rowSpacing],
  };
}

export interface Labels {
  readonly mask: string;
  readonly box: string;
  readonly point: string;
  readonly finding: string;
}

/** A w×h rectangle at (x, y) as the inline RLE segmentation payload of slice 0 (runs start with 0s). */
export function rectMask(g: PlaneGeometry, labelId: string, imageId: string, rect: Rect) {
  const pixels = new Uint8Array(g.columns * g.rows);
  for (let j = rect.y; j < rect.y + rect.h; j++)
    pixels.fill(1, j * g.columns + rect.x, j * g.columns + rect.x + rect.w);
  return {
    schemaVersion: 1,
    type: 'segmentation',
    labelId,
    imageRef: { imageId, sliceIndex: 0 },
    data: {
      representation: 'rle',
      mask: encodeBinaryRle(pixels, g.columns, g.rows),
      segment: { index: 1, labelId, name: 'lesion', colour: '#ff0000', locked: false },
    },
  };
}

function point(g: PlaneGeometry, i: number, j: number) {
  return {
    index: [i, j, 0],
    patient: [g.origin[0] + i * g.spacing[0], g.origin[1] + j * g.spacing[1], g.origin[2]],
  };
}

export function boxPayload(g: PlaneGeometry, labelId: string, imageId: string, rect: Rect) {
  return {
    schemaVersion: 1,
    type: 'box2d',
    labelId,
    imageRef: { imageId, sliceIndex: 0 },
    data: { min: point(g, rect.x, rect.y), max: point(g, rect.x + rect.w, rect.y + rect.h) },
  };
}

export function landmarkPayload(g: PlaneGeometry, labelId: string, imageId: string, i: number, j: number) {
  return {
    schemaVersion: 2,
    type: 'landmark',
    labelId,
    imageRef: { imageId, sliceIndex: 0 },
    data: { name: 'centre', point: point(g, i, j) },
  };
}

export function findingPayload(labelId: string, imageId: string, choice: string) {
  return {
    schemaVersion: 1,
    type: 'classification',
    labelId,
    imageRef: { imageId },
    data: { level: 'image', value: { kind: 'single', choice } },
  };
}

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** One reader's reading of the CT: a mask, a box, a landmark (pixel i, j) and a finding. */
export interface Reading {
  readonly mask: Rect;
  readonly box: Rect;
  readonly landmark: readonly [number, number];
  readonly finding: string;
}

/**
 * Readers 1 and 2 nearly agree (the same 40 × 40 square shifted 4 px, landmarks 2 px apart, both benign);
 * reader 3 marks a 20 × 20 square elsewhere and calls it malignant. The item is disputed on the mask, box and landmark labels.
 */
export const READINGS: readonly [Reading, Reading, Reading] = [
  {
    mask: { x: 30, y: 30, w: 40, h: 40 },
    box: { x: 30, y: 30, w: 40, h: 40 },
    landmark: [50, 50],
    finding: 'benign',
  },
  {
    mask: { x: 34, y: 30, w: 40, h: 40 },
    box: { x: 34, y: 30, w: 40, h: 40 },
    landmark: [52, 50],
    finding: 'benign',
  },
  {
    mask: { x: 80, y: 80, w: 20, h: 20 },
    box: { x: 80, y: 80, w: 20, h: 20 },
    landmark: [90, 90],
    finding: 'malignant',
  },
];

/** What all three readers mark on MR_small (64 × 64): the same everything, so the item is agreed. */
export const AGREED_READING: Reading = {
  mask: { x: 10, y: 12, w: 20, h: 16 },
  box: { x: 10, y: 12, w: 20, h: 16 },
  landmark: [20, 20],
  finding: 'normal',
};

export function readingPayloads(g: PlaneGeometry, labels: Labels, imageId: string, reading: Reading) {
  return [
    rectMask(g, labels.mask, imageId, reading.mask),
    boxPayload(g, labels.box, imageId, reading.box),
    landmarkPayload(g, labels.point, imageId, ...reading.landmark),
    findingPayload(labels.finding, imageId, reading.finding),
  ];
}

export interface ProjectImage {
  readonly imageId: string;
  readonly geometry: PlaneGeometry;
}

export interface QualityProject {
  readonly projectId: string;
  readonly labels: Labels;
  /** CT_small, which the readers dispute. */
  readonly ct: ProjectImage;
  /** MR_small, which they agree on. */
  readonly mr: ProjectImage;
  readonly readers: readonly [Reader, Reader, Reader];
}

/** Polls `check` every 100 ms until it gives a value; fails after 30 s of nothing (a hung server). */
export async function waitUntil<T>(what: string, check: () => Promise<T | undefined>): Promise<T> {
  for (let tries = 0; tries < 300; tries++) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what}: not reached after 300 polls`);
}

/**
 * The project (readersPerItem 3, de-identification off so CT_small lands in the project at once), its four
 * labels, CT_small and three annotators.
 */
export async function createQualityProject(url: string, token: string): Promise<QualityProject> {
  const created = await call(url, token, 'POST', '/api/projects', {
    name: 'Three readers',
    requireDeidentification: false,
    settings: { readersPerItem: 3, reading: 'blind', assignment: 'round-robin' },
    labels: [
      { name: 'Lesion', type: 'mask', colour: '#e04040' },
      { name: 'Lesion box', type: 'box', colour: '#40a0e0' },
      { name: 'Centre', type: 'point', colour: '#40c080' },
      {
        name: 'Finding',
        type: 'classification',
        colour: '#336699',
        classification: {
          kind: 'single',
          // Names other than the ids: the review screen must word answers by name.
          options: ['normal', 'benign', 'malignant'].map((id) => ({
            id,
            name: `${id[0]!.toUpperCase()}${id.slice(1)}`,
          })),
        },
      },
    ],
  });
  if (created.status !== 201) throw new Error(`project: ${created.status} ${JSON.stringify(created.body)}`);
  const projectId = String(created.body.id);
  const project = await call(url, token, 'GET', `/api/projects/${projectId}`);
  const labelId = (name: string) =>
    String(project.body.labels.find((l: { name: string }) => l.name === name).id);
  const labels = {
    mask: labelId('Lesion'),
    box: labelId('Lesion box'),
    point: labelId('Centre'),
    finding: labelId('Finding'),
  };
  const ct = await importImage(url, token, projectId, CT_SMALL, 'CT');
  const mr = await importImage(url, token, projectId, MR_SMALL, 'MR');
  const readers = [
    await createReader(url, token, projectId, 'reader-one'),
    await createReader(url, token, projectId, 'reader-two'),
    await createReader(url, token, projectId, 'reader-three'),
  ] as const;
  return { projectId, labels, ct, mr, readers };
}

/** Imports one DICOM file and finds its image by modality (the project holds one of each). */
async function importImage(
  url: string,
  token: string,
  projectId: string,
  file: URL,
  modality: string,
): Promise<ProjectImage> {
  const bytes = new Uint8Array(await readFile(file));
  const name = file.pathname.split('/').pop()!;
  const job = await importThroughApi(url, token, projectId, { [name]: bytes });
  if (job.state !== 'done' || job.counts.imported !== 1)
    throw new Error(`${name} import: ${JSON.stringify(job)}`);
  const images = await call(url, token, 'GET', `/api/projects/${projectId}/images`);
  const image = images.body.images.find((i: { modality: string }) => i.modality === modality);
  if (!image) throw new Error(`${name}: no ${modality} image in ${JSON.stringify(images.body)}`);
  return { imageId: String(image.id), geometry: planeGeometry(bytes) };
}
