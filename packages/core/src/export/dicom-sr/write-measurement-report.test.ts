import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dciodvfy } from '../../test-support/dciodvfy.js';
import { uuidToDicomUid } from '../dicom-seg/dicom-uid.js';
import type { ExportAnnotation } from '../export-dataset.js';
import {
  frameInstances,
  type SrSourceInstance,
  sliceInstances,
  type WriteMeasurementReportInput,
} from './measurement-report-input.js';
import { PYDICOM_SR_WALK, type PydicomSrWalk } from './pydicom-sr-walk.js';
import { readMeasurementReport } from './read-measurement-report.js';
import { LABELS, TEST_GEOMETRY, testAnnotations } from './test-measurements.js';
import { writeMeasurementReport } from './write-measurement-report.js';

const work = mkdtempSync(join(tmpdir(), 'voxelhub-write-sr-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function save(name: string, bytes: Uint8Array): string {
  const path = join(work, name);
  writeFileSync(path, bytes);
  return path;
}

function pydicomWalk(path: string): PydicomSrWalk {
  return JSON.parse(execFileSync('/usr/bin/python3', ['-c', PYDICOM_SR_WALK, path]).toString());
}

const CT_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.2';
const uid = (n: number) => uuidToDicomUid(`00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`);
const SLICES: SrSourceInstance[] = [0, 1, 2].map((k) => ({
  sopClassUid: CT_IMAGE_STORAGE,
  sopInstanceUid: uid(100 + k),
  seriesInstanceUid: uid(2),
}));

const annotations = testAnnotations('img-1');
const input: WriteMeasurementReportInput = {
  annotations,
  labels: LABELS,
  source: {
    studyInstanceUid: uid(1),
    frameOfReferenceUid: uid(3),
    instances: new Map([['img-1', sliceInstances(SLICES)]]),
    patientName: 'Doe^Jane',
    patientId: 'P-0001',
    studyId: 'S1',
    accessionNumber: 'A123',
    studyDate: '20240102',
    studyTime: '101500',
  },
  uids: { seriesInstanceUid: uid(10), sopInstanceUid: uid(11) },
  observer: { personName: 'Annotator^One', deviceUid: uid(12) },
  contentDateTime: new Date('2026-01-02T03:04:05Z'),
};
const bytes = writeMeasurementReport(input);
const path = save('report.dcm', bytes);

/**
 * Equality of payloads up to the format's precision: SCOORD Graphic Data is FL (float32, about 7
 * significant digits), so points and the patient positions derived from them agree to 1e-4 here
 * (coordinates below 100); NUM values are Decimal Strings of up to 16 characters (relative 1e-12).
 */
function expectClose(actual: unknown, expected: unknown, where = 'payload'): void {
  if (typeof expected === 'number') {
    expect(typeof actual, where).toBe('number');
    expect(Math.abs((actual as number) - expected), where).toBeLessThan(1e-4);
  } else if (Array.isArray(expected)) {
    expect(Array.isArray(actual), where).toBe(true);
    expect((actual as unknown[]).length, where).toBe(expected.length);
    expected.forEach((e, i) => expectClose((actual as unknown[])[i], e, `${where}[${i}]`));
  } else if (typeof expected === 'object' && expected !== null) {
    expect(Object.keys(actual as object).sort(), where).toEqual(Object.keys(expected).sort());
    for (const [key, value] of Object.entries(expected)) {
      expectClose((actual as Record<string, unknown>)[key], value, `${where}.${key}`);
    }
  } else {
    expect(actual, where).toEqual(expected);
  }
}

describe('writeMeasurementReport → readMeasurementReport', () => {
  it('gives back every annotation: ids, labels, image references and payloads', () => {
    const read = readMeasurementReport(bytes, {
      labels: LABELS,
      imageOf: (ref) => {
        const k = SLICES.findIndex((s) => s.sopInstanceUid === ref.sopInstanceUid);
        return k < 0 ? undefined : { imageId: 'img-1', sliceIndex: k, geometry: TEST_GEOMETRY };
      },
      imageInFrame: (frame) => (frame === uid(3) ? { imageId: 'img-1', geometry: TEST_GEOMETRY } : undefined),
    });
    expect(read.unread).toEqual([]);
    expect(read.annotations.map((a) => a.id)).toEqual(annotations.map((a) => a.id));
    read.annotations.forEach((a, n) => expectClose(a, annotations[n], annotations[n]!.payload.type));
  });

  it('lists a group whose image is not in the project as unread, with the reason', () => {
    const read = readMeasurementReport(bytes, {
      labels: LABELS,
      imageOf: (ref) =>
        ref.sopInstanceUid === uid(100)
          ? { imageId: 'img-1', sliceIndex: 0, geometry: TEST_GEOMETRY }
          : undefined,
    });
    // Slice 0 holds the length and the circle; the other five groups cannot be placed.
    expect(read.annotations.map((a) => a.payload.type)).toEqual(['length', 'circleRoi']);
    expect(read.unread).toHaveLength(5);
    expect(read.unread[0]!.reason).toMatch(/is not an image of this project/);
  });
});

describe('writeMeasurementReport, read independently by pydicom', () => {
  const walk = pydicomWalk(path);
  const [sx] = TEST_GEOMETRY.spacing;
  const nums = (tracking: string) =>
    walk.items
      .filter((i) => i.tracking === tracking && i.valueType === 'NUM')
      .map((i) => [i.name, i.value, i.unit]);
  const scoords = walk.items.filter((i) => i.valueType === 'SCOORD');

  it('is a Comprehensive 3D SR TID 1500 report in Explicit VR Little Endian', () => {
    expect(walk).toMatchObject({
      sopClass: '1.2.840.10008.5.1.4.1.1.88.34',
      transferSyntax: '1.2.840.10008.1.2.1',
      title: 'Imaging Measurement Report',
    });
  });

  it('holds the measurement values and units derived by hand in test-measurements.ts', () => {
    // Tracking Identifier is the label name for measurements: 'Lesion' for lengths, angles and ROIs.
    const lesion = nums('Lesion');
    const close = (row: unknown[], name: string, value: number, unit: string) => {
      expect(row[0]).toBe(name);
      expect(row[1]).toBeCloseTo(value, 10);
      expect(row[2]).toBe(unit);
    };
    close(lesion[0]!, 'Length', 3.5, 'mm');
    close(lesion[1]!, 'Angle', 90, 'deg');
    close(lesion[2]!, 'Area', Math.PI * 5.6 * 2.8, 'mm2');
    close(lesion[3]!, 'Mean', 40.5, "[hnsf'U]");
    close(lesion[4]!, 'Standard Deviation', 12.25, "[hnsf'U]");
    close(lesion[5]!, 'Minimum', -3, "[hnsf'U]");
    close(lesion[6]!, 'Maximum', 88, "[hnsf'U]");
    close(lesion[7]!, 'Area', Math.PI * 3.5 ** 2, 'mm2');
    close(lesion[12]!, 'Area', 10 * sx * 6 * sx, 'mm2');
    expect(lesion).toHaveLength(17);
  });

  it('holds the SCOORD outlines in pixel coordinates (index + 0.5) on the instance of their slice', () => {
    const rows = scoords.map((s) => [s.tracking, s.name, s.graphicType, s.data, s.image, s.relationship]);
    expect(rows).toEqual([
      ['Carina', 'Image Region', 'POINT', [10.75, 21], uid(101), 'CONTAINS'],
      ['Lesion', null, 'POLYLINE', [10.5, 10.5, 13.5, 14.5], uid(100), 'INFERRED FROM'],
      ['Lesion', null, 'POLYLINE', [30.5, 20.5, 20.5, 20.5, 20.5, 30.5], uid(102), 'INFERRED FROM'],
      // Major axis (8 pixels along i) first, then the minor one (4 along j).
      [
        'Lesion',
        'Image Region',
        'ELLIPSE',
        [24.5, 32.5, 40.5, 32.5, 32.5, 28.5, 32.5, 36.5],
        uid(101),
        'CONTAINS',
      ],
      ['Lesion', 'Image Region', 'CIRCLE', [16.5, 40.5, 16.5, 45.5], uid(100), 'CONTAINS'],
      [
        'Lesion',
        'Image Region',
        'POLYLINE',
        [2.5, 3.5, 12.5, 3.5, 12.5, 9.5, 2.5, 9.5, 2.5, 3.5],
        uid(102),
        'CONTAINS',
      ],
    ]);
  });

  it('holds the slice-less landmark as a SCOORD3D point in patient space', () => {
    const point = walk.items.find((i) => i.valueType === 'SCOORD3D')!;
    expect(point).toMatchObject({ tracking: 'Apex', graphicType: 'POINT', frameOfReference: uid(3) });
    // Index (5, 6, 2) on origin (-20, -30, 10) with spacing 0.7, 0.7, 2.5: (-16.5, -25.8, 15).
    [-16.5, -25.8, 15].forEach((v, i) => expect(point.data![i]).toBeCloseTo(v, 4));
  });

  it('names each landmark by its Tracking Identifier and its label by a 99VOXELHUB finding', () => {
    const findings = walk.items.filter((i) => i.name === 'Finding').map((i) => [i.tracking, i.code]);
    expect(findings).toEqual([
      ['Carina', 'Anatomy'],
      ['Apex', 'Anatomy'],
      ['Lesion', 'Lesion'],
      ['Lesion', 'Lesion'],
      ['Lesion', 'Lesion'],
      ['Lesion', 'Lesion'],
      ['Lesion', 'Lesion'],
    ]);
  });
});

describe('writeMeasurementReport, checked by DICOM validators', () => {
  it('dciodvfy reports no error, and warns only of the private label coding scheme', async () => {
    const report = await dciodvfy(path);
    expect(report.errors).toEqual([]);
    // One warning per 99VOXELHUB code (four label findings and the Coding Scheme Identification item):
    // private designators are allowed (PS3.3 8.1.2.1) but are not in dciodvfy's list of defined terms.
    expect(report.warnings).toHaveLength(5);
    for (const w of report.warnings) expect(w).toMatch(/Unrecognized defined term <99VOXELHUB>/);
  });

  it('dsrdump (dcmtk) parses the document tree without error', () => {
    const out = execFileSync('dsrdump', ['-Ee', path], { stdio: ['ignore', 'pipe', 'pipe'] }).toString();
    expect(out).toContain('Imaging Measurement Report');
    expect(out).toContain('"Length"');
  });
});

describe('writeMeasurementReport on a multi-frame instance', () => {
  const XA_STORAGE = '1.2.840.10008.5.1.4.1.1.12.1';
  const cine: SrSourceInstance = {
    sopClassUid: XA_STORAGE,
    sopInstanceUid: uid(200),
    seriesInstanceUid: uid(201),
  };
  const angle = annotations[3]!;
  const onFrame = {
    ...angle,
    imageId: 'cine',
    payload: { ...angle.payload, imageRef: { imageId: 'cine', frameIndex: 2 } },
  } as ExportAnnotation;
  const written = writeMeasurementReport({
    ...input,
    annotations: [onFrame],
    source: { ...input.source, instances: new Map([['cine', frameInstances(cine, 3)]]) },
  });
  const cinePath = save('cine.dcm', written);

  it('references frame index f as Referenced Frame Number f + 1, and reads it back as frame f', () => {
    const scoord = pydicomWalk(cinePath).items.find((i) => i.valueType === 'SCOORD')!;
    expect([scoord.image, scoord.frame]).toEqual([uid(200), 3]);
    const read = readMeasurementReport(written, {
      labels: LABELS,
      imageOf: (ref) =>
        ref.sopInstanceUid === uid(200) && ref.frameNumber !== undefined
          ? { imageId: 'cine', frameIndex: ref.frameNumber - 1, geometry: TEST_GEOMETRY }
          : undefined,
    });
    expect(read.unread).toEqual([]);
    expectClose(read.annotations[0], onFrame);
  });

  it('refuses a frame beyond the instance', () => {
    const beyond = {
      ...onFrame,
      payload: { ...onFrame.payload, imageRef: { imageId: 'cine', frameIndex: 3 } },
    };
    expect(() =>
      writeMeasurementReport({
        ...input,
        annotations: [beyond as ExportAnnotation],
        source: { ...input.source, instances: new Map([['cine', frameInstances(cine, 3)]]) },
      }),
    ).toThrow(/no DICOM instance for image 'cine' plane 3/);
  });
});

describe('writeMeasurementReport on an ellipse drawn minor axis first', () => {
  it('writes the major axis first (PS3.3 C.18.6.1.2), so the axis ends come back swapped', () => {
    const ellipse = annotations[4]!;
    const data = ellipse.payload.data as { axisEnds: unknown[] };
    const swapped = {
      ...ellipse,
      payload: { ...ellipse.payload, data: { ...data, axisEnds: [data.axisEnds[1], data.axisEnds[0]] } },
    } as ExportAnnotation;
    const read = readMeasurementReport(writeMeasurementReport({ ...input, annotations: [swapped] }), {
      labels: LABELS,
      imageOf: () => ({ imageId: 'img-1', sliceIndex: 1, geometry: TEST_GEOMETRY }),
    });
    expectClose(read.annotations[0], ellipse);
  });
});

describe('writeMeasurementReport with a label name longer than a Code Meaning', () => {
  it('cuts the meaning to 64 characters (LO), stays valid, and reads the label back by class index', async () => {
    const long = `Anatomy\\${'x'.repeat(100)}`;
    const labels = [LABELS[0]!, { ...LABELS[1]!, name: long }];
    const written = writeMeasurementReport({ ...input, labels, annotations: annotations.slice(0, 2) });
    const report = await dciodvfy(save('long-label.dcm', written));
    expect(report.errors).toEqual([]);
    const read = readMeasurementReport(written, {
      labels,
      imageOf: () => ({ imageId: 'img-1', sliceIndex: 1, geometry: TEST_GEOMETRY }),
      imageInFrame: () => ({ imageId: 'img-1', geometry: TEST_GEOMETRY }),
    });
    expect(read.annotations.map((a) => a.labelId)).toEqual(['lab-anatomy', 'lab-anatomy']);
  });
});

describe('writeMeasurementReport refuses input that cannot make a report', () => {
  const [landmark, , length] = annotations as [ExportAnnotation, ExportAnnotation, ExportAnnotation];
  const polygon = {
    ...length,
    payload: { ...length.payload, type: 'polygon', data: { points: [] } },
  } as unknown as ExportAnnotation;
  it.each<[string, WriteMeasurementReportInput, RegExp]>([
    ['no annotations', { ...input, annotations: [] }, /annotations is empty/],
    [
      'an unknown label',
      { ...input, annotations: [{ ...length, labelId: 'nope' }] },
      /label 'nope' is not in labels/,
    ],
    ['an unsupported type', { ...input, annotations: [polygon] }, /cannot carry 'polygon'/],
    [
      'a slice with no instance',
      { ...input, annotations: [{ ...landmark, imageId: 'img-2' }] },
      /no DICOM instance for image 'img-2'/,
    ],
    [
      'a bad UID',
      { ...input, uids: { ...input.uids, sopInstanceUid: '1.02' } },
      /uids.sopInstanceUid must be a DICOM UID/,
    ],
  ])('%s', (_, bad, message) => {
    expect(() => writeMeasurementReport(bad)).toThrow(message);
  });

  it('refuses bytes that are not a measurement report', () => {
    expect(() =>
      readMeasurementReport(new Uint8Array(10), { labels: LABELS, imageOf: () => undefined }),
    ).toThrow(TypeError);
  });
});
