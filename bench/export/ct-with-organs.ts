import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { IDENTITY3, type ImageVolume, type Vec3 } from '@voxelhub/core';
import { describeInputs, writeNiftiFile } from '@voxelhub/core/node';
import { randomUid, seededRandom } from '../io/seeded-random.js';
import { CtFromLabels, labelSlice, ORGANS, RESCALE_INTERCEPT } from './organ-phantom.js';

/** Bump when the files change in any way: the suite regenerates its data when the marker differs. */
export const CT_WITH_ORGANS_VERSION = 1;

/** The case: a 300-slice CT, 512×512 int16, 0.75 × 0.75 × 1 mm, and a 10-label mask on its grid. */
export const CT_DIMS: Vec3 = [512, 512, 300];
export const CT_SPACING: Vec3 = [0.75, 0.75, 1];
/** ImagePositionPatient z of the first file; the files go head to feet (z falling), as scanners write them. */
const FIRST_SLICE_Z = -100;
const SEED = 20261128;
const CT_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.2';

/** core's Part 10 writer (packages/core/src/dicom/write-part10.ts), which no package entry exports. */
type WritePart10 = (
  dataset: Record<string, unknown>,
  versionName: string,
  pixelData?: { vr: 'OB' | 'OW'; bytes: Uint8Array },
) => Uint8Array;

/** bench/dist/export/ → the repository root is three levels up. */
async function importWritePart10(): Promise<WritePart10> {
  const url = new URL('../../../packages/core/dist/dicom/write-part10.js', import.meta.url);
  return ((await import(url.href)) as { writePart10: WritePart10 }).writePart10;
}

export interface CtWithOrgans {
  readonly seriesFolder: string;
  /** The 10-label mask (uint8) as NIfTI, on the grid core loads the series onto. */
  readonly mask: string;
  /** The label schema: [{ value, name, colour }], as a project holds it; every side names classes from it. */
  readonly labels: string;
}

/** The grid of the loaded series: slices sorted along the normal, so slice 0 is the last file (lowest z). */
function loadedGrid(): Pick<ImageVolume, 'dims' | 'spacing' | 'origin' | 'direction'> {
  const [nx, ny, nz] = CT_DIMS;
  const [sx, sy, sz] = CT_SPACING;
  const origin: Vec3 = [(-nx * sx) / 2 + sx / 2, (-ny * sy) / 2 + sy / 2, FIRST_SLICE_Z - (nz - 1) * sz];
  return { dims: CT_DIMS, spacing: CT_SPACING, origin, direction: IDENTITY3 };
}

function seriesAttributes(ids: { study: string; series: string; frameOfReference: string }) {
  const [nx, ny] = CT_DIMS;
  return {
    SpecificCharacterSet: 'ISO_IR 100',
    SOPClassUID: CT_IMAGE_STORAGE,
    ImageType: ['ORIGINAL', 'PRIMARY', 'AXIAL'],
    StudyDate: '20261128',
    SeriesDate: '20261128',
    StudyTime: '093012',
    AccessionNumber: 'EXPORT0001',
    Modality: 'CT',
    Manufacturer: 'Voxelhub',
    ReferringPhysicianName: '',
    StudyDescription: 'CT CHEST ABDOMEN',
    SeriesDescription: 'BODY 1.0 ORGANS',
    PatientName: 'PHANTOM^ORGANS',
    PatientID: 'VXH-EXPORT-0001',
    PatientBirthDate: '19700101',
    PatientSex: 'O',
    BodyPartExamined: 'CHEST',
    SliceThickness: CT_SPACING[2],
    KVP: 120,
    ConvolutionKernel: 'STANDARD',
    PatientPosition: 'HFS',
    StudyInstanceUID: ids.study,
    SeriesInstanceUID: ids.series,
    StudyID: '1',
    SeriesNumber: 3,
    AcquisitionNumber: 1,
    ImageOrientationPatient: [1, 0, 0, 0, 1, 0],
    FrameOfReferenceUID: ids.frameOfReference,
    PositionReferenceIndicator: '',
    SamplesPerPixel: 1,
    PhotometricInterpretation: 'MONOCHROME2',
    Rows: ny,
    Columns: nx,
    PixelSpacing: [CT_SPACING[1], CT_SPACING[0]],
    BitsAllocated: 16,
    BitsStored: 16,
    HighBit: 15,
    PixelRepresentation: 1,
    WindowCenter: [40, -600],
    WindowWidth: [400, 1500],
    RescaleIntercept: RESCALE_INTERCEPT,
    RescaleSlope: 1,
    RescaleType: 'HU',
  };
}

/** Writes the 300 files and returns the mask in the loaded grid's slice order. */
async function writeSeriesAndMask(folder: string): Promise<Uint8Array> {
  const writePart10 = await importWritePart10();
  const [nx, ny, nz] = CT_DIMS;
  const grid = loadedGrid();
  const random = seededRandom(SEED);
  const ids = { study: randomUid(random), series: randomUid(random), frameOfReference: randomUid(random) };
  const common = seriesAttributes(ids);
  const ct = new CtFromLabels(nx, ny, random);
  const mask = new Uint8Array(nx * ny * nz);
  for (let index = 0; index < nz; index++) {
    const labels = labelSlice(index / (nz - 1), nx, ny);
    mask.set(labels, (nz - 1 - index) * nx * ny);
    const stored = ct.slice(labels);
    const z = FIRST_SLICE_Z - index * CT_SPACING[2];
    const dataset = {
      ...common,
      SOPInstanceUID: randomUid(random),
      InstanceNumber: index + 1,
      ImagePositionPatient: [grid.origin[0], grid.origin[1], z],
      SliceLocation: z,
    };
    const bytes = writePart10(dataset, 'VOXELHUB_BENCH_1', {
      vr: 'OW',
      bytes: new Uint8Array(stored.buffer, stored.byteOffset, stored.byteLength),
    });
    await writeFile(join(folder, `IM${String(index + 1).padStart(6, '0')}.dcm`), bytes);
  }
  return mask;
}

/** core must put the series on the grid the mask was written for, or every export would be misaligned. */
async function checkLoadedGrid(folder: string): Promise<void> {
  const found = await describeInputs([folder]);
  const image = found.images[0];
  if (found.images.length !== 1 || image?.source !== 'dicom') {
    throw new Error(`expected one DICOM series in ${folder}, found ${found.images.length} images`);
  }
  const expected = loadedGrid();
  const actual = image.plan.geometry;
  const close = (a: readonly number[], b: readonly number[]) => a.every((v, i) => Math.abs(v - b[i]!) < 1e-4);
  if (
    !close(actual.dims, expected.dims) ||
    !close(actual.spacing, expected.spacing) ||
    !close(actual.origin, expected.origin) ||
    !close(actual.direction, expected.direction)
  ) {
    throw new Error(`core loads the series onto ${JSON.stringify(actual)}, not the mask's grid`);
  }
}

function maskVolume(mask: Uint8Array): ImageVolume {
  return {
    kind: 'volume',
    ...loadedGrid(),
    timepoints: 1,
    dataType: 'uint8',
    samplesPerPixel: 1,
    photometricInterpretation: 'MONOCHROME2',
    data: mask,
    meta: { description: `voxelhub bench: ${ORGANS.length} organ labels` },
    warnings: [],
  };
}

/**
 * outDir/export-data/ct-300/IM000001.dcm… (core's Part 10 writer) and mask.nii.gz (core's NIfTI writer),
 * generated once and reused while marker.json holds CT_WITH_ORGANS_VERSION (delete the folder to rebuild).
 */
export async function ensureCtWithOrgans(outDir: string, log: (line: string) => void): Promise<CtWithOrgans> {
  const folder = join(outDir, 'export-data');
  const files = {
    seriesFolder: join(folder, 'ct-300'),
    mask: join(folder, 'mask.nii.gz'),
    labels: join(folder, 'labels.json'),
  };
  const marker = join(folder, 'marker.json');
  try {
    const held = JSON.parse(await readFile(marker, 'utf8')) as { version?: number };
    if (held.version === CT_WITH_ORGANS_VERSION) return files;
  } catch {}
  const started = performance.now();
  log(`generating the CT series and its 10-label mask into ${folder} (once, a few seconds) …`);
  await rm(folder, { recursive: true, force: true });
  await mkdir(files.seriesFolder, { recursive: true });
  const mask = await writeSeriesAndMask(files.seriesFolder);
  await checkLoadedGrid(files.seriesFolder);
  await writeNiftiFile(files.mask, maskVolume(mask));
  const labels = ORGANS.map((o) => ({ value: o.label, name: o.name, colour: o.colour }));
  await writeFile(files.labels, `${JSON.stringify(labels, null, 2)}\n`);
  await writeFile(marker, `${JSON.stringify({ version: CT_WITH_ORGANS_VERSION })}\n`);
  log(`  done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return files;
}
