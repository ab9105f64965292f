import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { text } from '../../dicom/attribute-values.js';
import { readInstanceHeader } from '../../dicom/instance-header.js';
import { parseDicom } from '../../dicom/parse-dicom.js';
import { assembleSeries } from '../../dicom/series/assemble-series.js';
import { dciodvfy } from '../../test-support/dciodvfy.js';
import { readTestdata, testdataPath } from '../../test-support/shared-data.js';
import { uuidToDicomUid } from '../dicom-seg/dicom-uid.js';
import { type SrSourceInstance, sliceInstances } from './measurement-report-input.js';
import { PYDICOM_SR_WALK, type PydicomSrWalk } from './pydicom-sr-walk.js';
import { readMeasurementReport } from './read-measurement-report.js';
import { LABELS, testAnnotations } from './test-measurements.js';
import { writeMeasurementReport } from './write-measurement-report.js';

const work = mkdtempSync(join(tmpdir(), 'voxelhub-write-sr-ct-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('writeMeasurementReport on a real source series (dcmqi ct-3slice, 3 CT slices of 512²)', () => {
  const files = ['01.dcm', '02.dcm', '03.dcm'].map((f) => `dcmqi/segmentations/ct-3slice/${f}`);
  const parsed = files.map((file) => ({ file, ...parseDicom(readTestdata(file)) }));
  const headers = parsed.map((p) => readInstanceHeader(p.dataSet, p.file, p.transferSyntaxUID));
  const plan = assembleSeries(headers)[0]!;
  const first = parsed[0]!.dataSet;
  const seriesInstanceUid = text(first, 'x0020000e')!;
  const slices: SrSourceInstance[] = plan.frames.map((f) => ({
    sopClassUid: f.header.sopClassUID!,
    sopInstanceUid: f.header.sopInstanceUID!,
    seriesInstanceUid,
  }));
  const annotations = testAnnotations('ct', plan.geometry);
  const bytes = writeMeasurementReport({
    annotations,
    labels: LABELS,
    source: {
      studyInstanceUid: text(first, 'x0020000d')!,
      frameOfReferenceUid: text(first, 'x00200052')!,
      instances: new Map([['ct', sliceInstances(slices)]]),
      patientName: text(first, 'x00100010'),
      patientId: text(first, 'x00100020'),
      patientSex: text(first, 'x00100040'),
      studyId: text(first, 'x00200010'),
      accessionNumber: text(first, 'x00080050'),
      studyDate: text(first, 'x00080020'),
      studyTime: text(first, 'x00080030'),
    },
    uids: {
      seriesInstanceUid: uuidToDicomUid(crypto.randomUUID()),
      sopInstanceUid: uuidToDicomUid(crypto.randomUUID()),
    },
    observer: { deviceName: 'Voxelhub' },
  });
  const path = join(work, 'ct-3slice.sr.dcm');
  writeFileSync(path, bytes);

  it('dciodvfy reports no error, and only warnings of the private label scheme or the source files', async () => {
    const report = await dciodvfy(path);
    expect(report.errors).toEqual([]);
    const sourceReport = await dciodvfy(testdataPath(files[0]!));
    for (const warning of report.warnings) {
      if (!/<99VOXELHUB>/.test(warning)) expect(sourceReport.warnings).toContain(warning);
    }
  });

  it("pydicom finds each SCOORD on the source file of its slice, and the study's frame of reference", () => {
    const walk: PydicomSrWalk = JSON.parse(
      execFileSync('/usr/bin/python3', ['-c', PYDICOM_SR_WALK, path]).toString(),
    );
    const scoords = walk.items.filter((i) => i.valueType === 'SCOORD');
    // Slices of the planar annotations in testAnnotations order: landmark 1, length 0, angle 2, ellipse 1,
    // circle 0, rectangle 2.
    expect(scoords.map((s) => s.image)).toEqual([1, 0, 2, 1, 0, 2].map((k) => slices[k]!.sopInstanceUid));
    const point = walk.items.find((i) => i.valueType === 'SCOORD3D')!;
    expect(point.frameOfReference).toBe(text(first, 'x00200052'));
  });

  it('reads back as the same annotations on the source grid', () => {
    const read = readMeasurementReport(bytes, {
      labels: LABELS,
      imageOf: (ref) => {
        const k = slices.findIndex((s) => s.sopInstanceUid === ref.sopInstanceUid);
        return k < 0 ? undefined : { imageId: 'ct', sliceIndex: k, geometry: plan.geometry };
      },
      imageInFrame: () => ({ imageId: 'ct', geometry: plan.geometry }),
    });
    expect(read.unread).toEqual([]);
    expect(read.annotations.map((a) => a.payload.type)).toEqual(annotations.map((a) => a.payload.type));
    read.annotations.forEach((a, n) => {
      const written = JSON.stringify(annotations[n]!.payload, (_, v) =>
        typeof v === 'number' ? Number(v.toFixed(3)) : v,
      );
      const back = JSON.stringify(a.payload, (_, v) => (typeof v === 'number' ? Number(v.toFixed(3)) : v));
      expect(back).toBe(written);
    });
  });

  it('refuses a DICOM file that is not a measurement report (the source CT slice)', () => {
    expect(() =>
      readMeasurementReport(readTestdata(files[0]!), { labels: LABELS, imageOf: () => undefined }),
    ).toThrow(/not a TID 1500 measurement report/);
  });
});
