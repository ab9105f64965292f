import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { ImageReadError } from '../errors/image-read-error.js';
import { testdataPath } from '../test-support/shared-data.js';
import { PYDICOM_SEG_VOLUME, parsePydicomSegVolume } from './pydicom-seg-volume.js';
import { type DicomSegLabelMap, readDicomSeg } from './read-dicom-seg.js';
import { SEG_VARIANT_SCRIPT, type SegVariant } from './seg-variants.js';

const work = mkdtempSync(join(tmpdir(), 'voxelhub-dicom-seg-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const LABEL_SEG = testdataPath('dcmqi/segmentations/23x38x3/seg/label.seg');

function readSeg(path: string): Promise<DicomSegLabelMap> {
  return readDicomSeg(new Uint8Array(readFileSync(path)), { name: path });
}

/** A copy of `source` with one edit, written by pydicom. */
function variant(name: SegVariant, source = LABEL_SEG): string {
  const path = join(work, `${name}.dcm`);
  execFileSync('/usr/bin/python3', ['-c', SEG_VARIANT_SCRIPT, source, path, name]);
  return path;
}

/** Same grid (to 1e-6 mm) and the same label in every voxel as pydicom + numpy read from `path`. */
async function expectAsPydicom(seg: DicomSegLabelMap, path: string): Promise<void> {
  const ref = parsePydicomSegVolume(
    execFileSync('/usr/bin/python3', ['-c', PYDICOM_SEG_VOLUME, path], { maxBuffer: 1 << 28 }).toString(),
  );
  expect(seg.dims).toEqual(ref.dims);
  seg.geometry.spacing.forEach((s, i) => expect(s).toBeCloseTo(ref.spacing[i]!, 6));
  seg.geometry.origin.forEach((o, i) => expect(o).toBeCloseTo(ref.origin[i]!, 6));
  seg.geometry.direction.forEach((d, i) => expect(d).toBeCloseTo(ref.direction[i]!, 6));
  expect(seg.overlappingVoxels).toBe(ref.overlappingVoxels);
  expect(seg.segments.map(({ number, label }) => ({ number, label }))).toEqual(ref.segments);
  const counts: Record<string, number> = {};
  for (const v of seg.labelMap) if (v !== 0) counts[v] = (counts[v] ?? 0) + 1;
  expect(counts).toEqual(ref.voxelsPerSegment);
  expect(seg.labelMap.length).toBe(ref.labels.length);
  let differ = 0;
  for (let i = 0; i < ref.labels.length; i++) if (seg.labelMap[i] !== ref.labels[i]) differ++;
  expect(differ).toBe(0);
}

describe('readDicomSeg on real SEG files, against pydicom + numpy', () => {
  it.each([
    'dcmqi/segmentations/23x38x3/seg/label.seg', // odd width: 1-bit frames not byte-aligned
    'pydicom-data/liver.dcm', // 3 frames of 512²
    'pydicom/liver_1frame.dcm', // one frame, three per-frame items
    'highdicom/seg_image_ct_binary.dcm', // implicit VR
    'highdicom/seg_image_ct_binary_overlap.dcm', // two overlapping segments, left-out slices
  ])('%s', async (file) => {
    const path = testdataPath(file);
    await expectAsPydicom(await readSeg(path), path);
  });

  it('fills the slices the overlap file leaves out and reports its overlap', async () => {
    // Frames at z = −99.48, 103.02, 104.27, 105.52 with 1.25 mm Slice Thickness and no Spacing Between
    // Slices: 205 mm / 1.25 mm + 1 = 165 slices, of which 161 hold no frame.
    const seg = await readSeg(testdataPath('highdicom/seg_image_ct_binary_overlap.dcm'));
    expect(seg.dims[2]).toBe(165);
    expect(seg.emptySlices).toBe(161);
    expect(seg.overlappingVoxels).toBeGreaterThan(0);
  });

  it('says when per-frame items outnumber the frames (liver_1frame.dcm: 3 items, 1 frame)', async () => {
    const seg = await readSeg(testdataPath('pydicom/liver_1frame.dcm'));
    expect(seg.warnings.join('\n')).toMatch(/3 items for 1 frame/);
  });
});

describe('readDicomSeg against the dcmqi NRRD of the same label', () => {
  it('label.seg equals nrrd/label.nrrd voxel for voxel, in the same place', async () => {
    // dcmqi's reference: a gzip NRRD, int16 little endian, LPS space, x fastest.
    const nrrd = readFileSync(testdataPath('dcmqi/segmentations/23x38x3/nrrd/label.nrrd'));
    const end = nrrd.indexOf('\n\n');
    const header = Object.fromEntries(
      nrrd
        .subarray(0, end)
        .toString('latin1')
        .split('\n')
        .filter((line) => line.includes(': '))
        .map((line) => line.split(': ') as [string, string]),
    );
    expect(header).toMatchObject({ type: 'short', encoding: 'gzip', endian: 'little' });
    expect(header.space).toBe('left-posterior-superior');
    const numbers = (s: string) => (s.match(/-?[\d.]+(e-?\d+)?/g) ?? []).map(Number);
    const raw = gunzipSync(nrrd.subarray(end + 2));
    const voxels = new Int16Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));

    const seg = await readSeg(LABEL_SEG);
    expect([...seg.dims]).toEqual(numbers(header.sizes!));
    const directions = numbers(header['space directions']!);
    const columns = [0, 1, 2].map((axis) =>
      [0, 1, 2].map((row) => seg.geometry.direction[row * 3 + axis]! * seg.geometry.spacing[axis]!),
    );
    columns.flat().forEach((v, i) => expect(v).toBeCloseTo(directions[i]!, 6));
    seg.geometry.origin.forEach((v, i) => expect(v).toBeCloseTo(numbers(header['space origin']!)[i]!, 6));
    expect([...seg.labelMap]).toEqual([...voxels]);
  });
});

describe('readDicomSeg on edited copies of label.seg', () => {
  it('reads a FRACTIONAL copy as the same label map, thresholding at 0.5', async () => {
    const binary = await readSeg(LABEL_SEG);
    const path = variant('fractional');
    const fractional = await readSeg(path);
    expect(fractional.segmentationType).toBe('FRACTIONAL');
    expect([...fractional.labelMap]).toEqual([...binary.labelMap]);
    await expectAsPydicom(fractional, path);
  });

  it('places frames stored in reverse order on the same grid', async () => {
    const binary = await readSeg(LABEL_SEG);
    const reversed = await readSeg(variant('reversed-frames'));
    expect(reversed.geometry).toEqual(binary.geometry);
    expect([...reversed.labelMap]).toEqual([...binary.labelMap]);
  });

  it('fills a left-out middle frame with background', async () => {
    const path = variant('missing-middle-frame');
    const seg = await readSeg(path);
    expect(seg.dims[2]).toBe(3);
    expect(seg.emptySlices).toBe(1);
    await expectAsPydicom(seg, path);
  });

  it('accepts positions 0.001 mm off the grid', async () => {
    const binary = await readSeg(LABEL_SEG);
    const noisy = await readSeg(variant('position-noise'));
    expect([...noisy.labelMap]).toEqual([...binary.labelMap]);
  });

  it.each<[SegVariant, string, RegExp]>([
    [
      'no-per-frame-groups',
      'MISSING_ATTRIBUTE',
      /Per-Frame Functional Groups Sequence \(5200,9230\) is missing/,
    ],
    ['no-plane-position', 'MISSING_ATTRIBUTE', /frame 2 has no Plane Position Sequence/],
    ['tilted-frame', 'INCONSISTENT_SERIES', /frame 2 has Image Orientation .* must share one orientation/],
    ['uneven-spacing', 'INCONSISTENT_SERIES', /not evenly spaced \(gaps 2\.500, 3\.500 mm\)/],
    ['bits-16', 'UNSUPPORTED_IMAGE', /BINARY segmentation has 1-bit pixels .* Bits Allocated 16/],
    ['unknown-segment', 'INVALID_ATTRIBUTE', /frame 1 references segment 9/],
  ])('refuses %s with %s naming the file', async (name, code, message) => {
    const path = variant(name);
    const error = await readSeg(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImageReadError);
    expect((error as ImageReadError).code).toBe(code);
    expect((error as ImageReadError).message).toMatch(message);
    expect((error as ImageReadError).message.startsWith(`${path}: `)).toBe(true);
  });

  it('refuses an image that is not a SEG, naming the file', async () => {
    const path = testdataPath('pydicom/CT_small.dcm');
    await expect(readSeg(path)).rejects.toThrow(
      new RegExp(
        `^${path}: not a DICOM Segmentation: SOP Class UID is 1\\.2\\.840\\.10008\\.5\\.1\\.4\\.1\\.1\\.2,`,
      ),
    );
  });

  it('refuses bytes that are not DICOM, naming the file', async () => {
    const error = await readDicomSeg(new TextEncoder().encode('not dicom at all'), { name: 'x.dcm' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ImageReadError);
    expect((error as ImageReadError).message).toMatch(/^x\.dcm: /);
  });

  it('refuses a grid larger than maxVoxels', async () => {
    const bytes = new Uint8Array(readFileSync(LABEL_SEG));
    await expect(readDicomSeg(bytes, { name: 'label.seg', maxVoxels: 1000 })).rejects.toThrow(
      /label\.seg: the frames span 3 slices of 23x38 .* more than the 1000 voxels allowed/,
    );
  });
});
