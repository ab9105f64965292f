import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { text } from '../../dicom/attribute-values.js';
import { readInstanceHeader } from '../../dicom/instance-header.js';
import { parseDicom } from '../../dicom/parse-dicom.js';
import { assembleSeries } from '../../dicom/series/assemble-series.js';
import { readDicomSeg } from '../../dicom-seg/read-dicom-seg.js';
import { fromColumns, type Mat3 } from '../../geometry/matrix3.js';
import { cross, normalize, type Vec3 } from '../../geometry/vector.js';
import { dciodvfy } from '../../test-support/dciodvfy.js';
import { readTestdata, testdataPath } from '../../test-support/shared-data.js';
import type { ImageGeometry } from '../../volume/image-volume.js';
import type { DicomSegSegment, WriteDicomSegInput } from './dicom-seg-input.js';
import { uuidToDicomUid } from './dicom-uid.js';
import { PYDICOM_SEG_FRAMES, parsePydicomSegFrames } from './pydicom-seg-frames.js';
import { writeDicomSeg } from './write-dicom-seg.js';

const work = mkdtempSync(join(tmpdir(), 'voxelhub-write-seg-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const CT_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.2';
const uid = (n: number) => uuidToDicomUid(`00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`);

/** A rotation by `degrees` about `axis`, as direction columns (Rodrigues' formula). */
function rotation(axis: Vec3, degrees: number): Mat3 {
  const [x, y, z] = normalize(axis);
  const t = (degrees * Math.PI) / 180;
  const c = Math.cos(t);
  const s = Math.sin(t);
  const C = 1 - c;
  return [
    c + x * x * C,
    x * y * C - z * s,
    x * z * C + y * s,
    y * x * C + z * s,
    c + y * y * C,
    y * z * C - x * s,
    z * x * C - y * s,
    z * y * C + x * s,
    c + z * z * C,
  ];
}

const sagittalRow: Vec3 = [0, 1, 0];
const sagittalColumn: Vec3 = [0, 0, -1];

const GEOMETRIES: Record<string, ImageGeometry> = {
  // Odd width: 7 × 5 = 35 bits per frame, so BINARY frames start mid-byte.
  axial: {
    dims: [7, 5, 4],
    spacing: [0.8, 0.8, 2.5],
    origin: [-100, -120.5, 30],
    direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
  },
  oblique: {
    dims: [6, 9, 5],
    spacing: [1, 1, 1.5],
    origin: [12.25, -3.5, 77],
    direction: rotation([1, 2, 3], 27),
  },
  anisotropic: {
    dims: [11, 3, 3],
    spacing: [0.5, 2, 5],
    origin: [40, -10, 10],
    direction: fromColumns(sagittalRow, sagittalColumn, cross(sagittalRow, sagittalColumn)),
  },
};

const SEGMENTS: DicomSegSegment[] = [
  { number: 1, label: 'Liver', colour: '#dd8265' },
  {
    number: 2,
    label: 'Lesion',
    colour: '#ff0000',
    type: { codeValue: '52988006', codingSchemeDesignator: 'SCT', codeMeaning: 'Lesion' },
    category: {
      codeValue: '49755003',
      codingSchemeDesignator: 'SCT',
      codeMeaning: 'Morphologically Altered Structure',
    },
  },
  { number: 3, label: 'Kidney', colour: '#123abc' },
];

/**
 * A label map with segments 1, 2 and 3: segment 1 on the first and last slices (so the frames span the
 * whole grid and the read-back grid is the written one), segment 2 on slice 1 only, segment 3 where a
 * hash of the voxel index says so; slice 2 onwards may be empty for some segments.
 */
function labelMap(dims: Vec3): Uint8Array {
  const [nx, ny, nz] = dims;
  const out = new Uint8Array(nx * ny * nz);
  for (let k = 0; k < nz; k++)
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++) {
        const at = i + nx * (j + ny * k);
        if ((k === 0 || k === nz - 1) && i <= j) out[at] = 1;
        else if (k === 1 && i > j) out[at] = 2;
        else if (k === 1 && (i * 7 + j * 3) % 5 === 0) out[at] = 3;
      }
  return out;
}

function inputFor(geometry: ImageGeometry, type: 'BINARY' | 'FRACTIONAL', voxels = labelMap(geometry.dims)) {
  return {
    labelMap: { voxels, dims: geometry.dims },
    geometry,
    segments: SEGMENTS,
    type,
    source: {
      studyInstanceUid: uid(1),
      seriesInstanceUid: uid(2),
      frameOfReferenceUid: uid(3),
      referencedInstances: Array.from({ length: geometry.dims[2] }, (_, k) => ({
        sopClassUid: CT_IMAGE_STORAGE,
        sopInstanceUid: uid(100 + k),
      })),
      patientName: 'Doe^Jane',
      patientId: 'P-0001',
      studyId: 'S1',
      accessionNumber: 'A123',
      studyDate: '20240102',
      studyTime: '101500',
    },
    uids: { seriesInstanceUid: uid(10), sopInstanceUid: uid(11) },
    creator: { contentCreatorName: 'Annotator^One', contentDateTime: new Date('2026-01-02T03:04:05Z') },
  } satisfies WriteDicomSegInput;
}

function save(name: string, bytes: Uint8Array): string {
  const path = join(work, name);
  writeFileSync(path, bytes);
  return path;
}

const CASES = Object.keys(GEOMETRIES).flatMap((g) =>
  (['BINARY', 'FRACTIONAL'] as const).map((t) => [g, t] as const),
);

describe.each(CASES)('writeDicomSeg, %s grid, %s', (name, type) => {
  const geometry = GEOMETRIES[name]!;
  const input = inputFor(geometry, type);
  const bytes = writeDicomSeg(input);
  const path = save(`${name}-${type}.dcm`, bytes);

  it('reads back with readDicomSeg as the same label map on the same grid', async () => {
    const seg = await readDicomSeg(bytes, { name: path });
    expect(seg.segmentationType).toBe(type);
    expect(seg.dims).toEqual(geometry.dims);
    seg.geometry.origin.forEach((v, i) => expect(v).toBeCloseTo(geometry.origin[i]!, 6));
    seg.geometry.spacing.forEach((v, i) => expect(v).toBeCloseTo(geometry.spacing[i]!, 6));
    seg.geometry.direction.forEach((v, i) => expect(v).toBeCloseTo(geometry.direction[i]!, 6));
    expect([...seg.labelMap]).toEqual([...input.labelMap.voxels]);
    expect(seg.segments.map((s) => [s.number, s.label])).toEqual(SEGMENTS.map((s) => [s.number, s.label]));
    expect(seg.frameOfReferenceUID).toBe(uid(3));
    expect(seg.overlappingVoxels).toBe(0);
  });

  it('pydicom reads each frame as the input mask of its segment on its slice, referencing that slice', () => {
    const ref = parsePydicomSegFrames(
      execFileSync('/usr/bin/python3', ['-c', PYDICOM_SEG_FRAMES, path], { maxBuffer: 1 << 26 }).toString(),
    );
    const [nx, ny, nz] = geometry.dims;
    expect(ref).toMatchObject({
      transferSyntax: '1.2.840.10008.1.2.1',
      modality: 'SEG',
      sopClass: '1.2.840.10008.5.1.4.1.1.66.4',
      segmentationType: type,
      rows: ny,
      columns: nx,
      patientId: 'P-0001',
      studyId: 'S1',
    });
    expect(ref.segments.map((s) => [s.number, s.label, s.category, s.type])).toEqual([
      [1, 'Liver', 'Tissue', 'Tissue'],
      [2, 'Lesion', 'Morphologically Altered Structure', 'Lesion'],
      [3, 'Kidney', 'Tissue', 'Tissue'],
    ]);
    // Frames expected by hand from labelMap(): segment 1 on the first and last slice, 2 and 3 on slice 1.
    expect(ref.numberOfFrames).toBe(4);
    expect(ref.frames.map((f) => f.segment)).toEqual([1, 1, 2, 3]);
    const normal = cross(
      [geometry.direction[0], geometry.direction[3], geometry.direction[6]],
      [geometry.direction[1], geometry.direction[4], geometry.direction[7]],
    );
    const on = type === 'BINARY' ? 1 : 255;
    for (const frame of ref.frames) {
      // The slice of a frame from its position alone: distance from the origin along the normal.
      const offset = frame.position.map((p, i) => p - geometry.origin[i]!);
      const k = Math.round(offset.reduce((sum, d, i) => sum + d * normal[i]!, 0) / geometry.spacing[2]);
      expect(k).toBeGreaterThanOrEqual(0);
      expect(k).toBeLessThan(nz);
      expect(frame.source).toBe(uid(100 + k));
      expect(frame.purpose).toBe('121322');
      expect(frame.dimensionIndex).toEqual([frame.segment, k + 1]);
      const expected = Array.from({ length: nx * ny }, (_, p) =>
        input.labelMap.voxels[k * nx * ny + p] === frame.segment ? on : 0,
      );
      expect([...frame.pixels]).toEqual(expected);
    }
    expect(ref.referencedInstances).toEqual([uid(100), uid(101), uid(100 + nz - 1)]);
  });

  it('dciodvfy reports no error and no warning', async () => {
    const report = await dciodvfy(path);
    expect(report.errors).toEqual([]);
    expect(report.warnings).toEqual([]);
  });
});

describe('writeDicomSeg text', () => {
  it('writes labels beyond ASCII as UTF-8 under Specific Character Set ISO_IR 192 (pydicom and our reader decode them)', async () => {
    const input = inputFor(GEOMETRIES.axial!, 'BINARY');
    const segments = [...SEGMENTS.slice(0, 2), { ...SEGMENTS[2]!, label: 'Niere rechts (Läsion) 腎臓' }];
    const bytes = writeDicomSeg({ ...input, segments });
    const path = save('utf8.dcm', bytes);
    const ref = parsePydicomSegFrames(
      execFileSync('/usr/bin/python3', ['-c', PYDICOM_SEG_FRAMES, path], { maxBuffer: 1 << 26 }).toString(),
    );
    expect(ref.segments[2]!.label).toBe('Niere rechts (Läsion) 腎臓');
    const seg = await readDicomSeg(bytes, { name: path });
    expect(seg.segments.map((s) => s.label)).toEqual(segments.map((s) => s.label));
  });
});

describe('writeDicomSeg on a left-handed grid', () => {
  it('reads back on the equivalent right-handed grid: the same voxels with the slices reversed', async () => {
    const axial = GEOMETRIES.axial!;
    const geometry: ImageGeometry = { ...axial, direction: [1, 0, 0, 0, 1, 0, 0, 0, -1] };
    const input = inputFor(geometry, 'BINARY');
    const seg = await readDicomSeg(writeDicomSeg(input), { name: 'left-handed' });
    const [nx, ny, nz] = geometry.dims;
    // The last slice lies lowest along row × column = +z, so it becomes slice 0.
    expect(seg.geometry.origin[2]).toBeCloseTo(axial.origin[2] - (nz - 1) * axial.spacing[2], 6);
    expect(seg.geometry.direction[8]).toBeCloseTo(1, 6);
    const plane = nx * ny;
    for (let k = 0; k < nz; k++) {
      const written = input.labelMap.voxels.subarray((nz - 1 - k) * plane, (nz - k) * plane);
      expect([...seg.labelMap.subarray(k * plane, (k + 1) * plane)]).toEqual([...written]);
    }
  });
});

describe('writeDicomSeg refuses input that cannot make a valid SEG', () => {
  const base = inputFor(GEOMETRIES.axial!, 'BINARY');
  it.each<[string, WriteDicomSegInput, RegExp]>([
    [
      'a voxel no segment describes',
      { ...base, segments: SEGMENTS.slice(0, 2) },
      /holds 3, which no segment/,
    ],
    [
      'numbers with a gap',
      { ...base, segments: [...SEGMENTS.slice(0, 2), { ...SEGMENTS[2]!, number: 5 }] },
      /1 to 3 with no gap/,
    ],
    ['an empty mask', inputFor(GEOMETRIES.axial!, 'BINARY', new Uint8Array(140)), /no voxel of any segment/],
    ['too few voxels', { ...base, labelMap: { voxels: new Uint8Array(3), dims: [7, 5, 4] } }, /has 3 values/],
    [
      'dims unlike the geometry',
      { ...base, geometry: { ...GEOMETRIES.axial!, dims: [5, 7, 4] } },
      /differ from/,
    ],
    [
      'a sheared grid',
      { ...base, geometry: { ...GEOMETRIES.axial!, direction: [1, 0, 0, 0, 1, 0.2588, 0, 0, 0.9659] } },
      /sheared grid/,
    ],
    [
      'a source instance short',
      { ...base, source: { ...base.source, referencedInstances: [] } },
      /0 instances for 4 slices/,
    ],
    [
      'a bad colour',
      { ...base, segments: [{ ...SEGMENTS[0]!, colour: 'red' }, ...SEGMENTS.slice(1)] },
      /'#rrggbb'/,
    ],
    ['a repeated segment number', { ...base, segments: [...SEGMENTS, SEGMENTS[0]!] }, /given twice/],
    [
      'a bad UID',
      { ...base, uids: { ...base.uids, sopInstanceUid: '1.02.x' } },
      /uids.sopInstanceUid must be a DICOM UID/,
    ],
    ['a bad content label', { ...base, creator: { contentLabel: 'my label' } }, /contentLabel/],
  ])('%s', (_, input, message) => {
    expect(() => writeDicomSeg(input)).toThrow(message);
  });
});

describe('writeDicomSeg on a real source series (dcmqi ct-3slice, 3 CT slices of 512²)', () => {
  const files = ['01.dcm', '02.dcm', '03.dcm'].map((f) => `dcmqi/segmentations/ct-3slice/${f}`);
  const parsed = files.map((file) => ({ file, ...parseDicom(readTestdata(file)) }));
  const headers = parsed.map((p) => readInstanceHeader(p.dataSet, p.file, p.transferSyntaxUID));
  const plan = assembleSeries(headers)[0]!;
  const first = parsed[0]!.dataSet;
  const [nx, ny, nz] = plan.geometry.dims;
  // A disc of radius 20 pixels (segment 1) on the first and last slice, a 10 × 10 square (segment 2)
  // on the middle one.
  const voxels = new Uint8Array(nx * ny * nz);
  for (let k = 0; k < nz; k++)
    for (let j = 200; j < 300; j++)
      for (let i = 200; i < 300; i++) {
        const at = i + nx * (j + ny * k);
        if (k !== 1 && (i - 250) ** 2 + (j - 250) ** 2 <= 400) voxels[at] = 1;
        if (k === 1 && i >= 240 && i < 250 && j >= 240 && j < 250) voxels[at] = 2;
      }
  const input: WriteDicomSegInput = {
    labelMap: { voxels, dims: plan.geometry.dims },
    geometry: plan.geometry,
    segments: SEGMENTS.slice(0, 2),
    type: 'BINARY',
    source: {
      studyInstanceUid: text(first, 'x0020000d')!,
      seriesInstanceUid: text(first, 'x0020000e')!,
      frameOfReferenceUid: text(first, 'x00200052')!,
      referencedInstances: plan.frames.map((f) => ({
        sopClassUid: f.header.sopClassUID!,
        sopInstanceUid: f.header.sopInstanceUID!,
      })),
      patientName: text(first, 'x00100010'),
      patientId: text(first, 'x00100020'),
      patientSex: text(first, 'x00100040'),
      studyId: text(first, 'x00200010'),
      accessionNumber: text(first, 'x00080050'),
      studyDate: text(first, 'x00080020'),
      studyTime: text(first, 'x00080030'),
      sliceThickness: headers[0]!.sliceThickness,
    },
    uids: { seriesInstanceUid: uid(20), sopInstanceUid: uid(21) },
    creator: { algorithm: { type: 'AUTOMATIC', name: 'Threshold' }, seriesDescription: 'Liver and lesion' },
  };
  const bytes = writeDicomSeg(input);
  const path = save('ct-3slice.seg.dcm', bytes);

  it('dciodvfy reports no error, and only warnings the source files have', async () => {
    const report = await dciodvfy(path);
    expect(report.errors).toEqual([]);
    // The one warning is the source's own Patient's Name 'JANCT000' (a PN without '^', "retired form"),
    // copied as given: dciodvfy says the same of 01.dcm.
    const sourceReport = await dciodvfy(testdataPath(files[0]!));
    expect(report.warnings.length).toBeGreaterThan(0);
    for (const warning of report.warnings) expect(sourceReport.warnings).toContain(warning);
  });

  it("joins the source's study and frame of reference, and each frame references its own slice", () => {
    const ref = parsePydicomSegFrames(
      execFileSync('/usr/bin/python3', ['-c', PYDICOM_SEG_FRAMES, path], { maxBuffer: 1 << 26 }).toString(),
    );
    expect(ref.patientId).toBe('99000');
    expect(ref.studyInstanceUid).toBe(input.source.studyInstanceUid);
    expect(ref.frameOfReferenceUid).toBe(input.source.frameOfReferenceUid);
    // Each frame's source instance is the file whose Image Position (Patient) is the frame's position.
    for (const frame of ref.frames) {
      const source = parsed.find((p) => text(p.dataSet, 'x00080018') === frame.source)!;
      const ipp = text(source.dataSet, 'x00200032')!.split('\\').map(Number);
      frame.position.forEach((v, i) => expect(v).toBeCloseTo(ipp[i]!, 4));
    }
    expect(ref.frames.map((f) => f.segment)).toEqual([1, 1, 2]);
  });

  it('reads back with readDicomSeg as the same mask on the source grid', async () => {
    const seg = await readDicomSeg(bytes, { name: path });
    expect(seg.dims).toEqual(plan.geometry.dims);
    seg.geometry.origin.forEach((v, i) => expect(v).toBeCloseTo(plan.geometry.origin[i]!, 6));
    seg.geometry.spacing.forEach((v, i) => expect(v).toBeCloseTo(plan.geometry.spacing[i]!, 6));
    seg.geometry.direction.forEach((v, i) => expect(v).toBeCloseTo(plan.geometry.direction[i]!, 6));
    let differ = 0;
    for (let i = 0; i < voxels.length; i++) if (seg.labelMap[i] !== voxels[i]) differ++;
    expect(differ).toBe(0);
  });
});
