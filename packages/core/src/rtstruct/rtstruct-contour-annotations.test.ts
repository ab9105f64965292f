import { describe, expect, it } from 'vitest';
import { parseAnnotationPayload } from '../annotation/parse-annotation-payload.js';
import { assembleSeries } from '../dicom/series/assemble-series.js';
import { readDicomHeaderSync } from '../node/read-dicom-header.js';
import { testdataPath } from '../test-support/shared-data.js';
import { readRtstruct } from './read-rtstruct.js';
import { rtstructContourAnnotations } from './rtstruct-contour-annotations.js';
import { type TestRoi, writeTestRtstruct } from './test-rtstruct.js';

const CT = 'dcmqi/segmentations/ct-3slice';

const ROIS: TestRoi[] = [
  {
    name: 'Liver',
    colour: [200, 100, 50],
    contours: [
      {
        slice: 2,
        points: [
          [10.25, 20.5],
          [200.75, 20.5],
          [150, 300.125],
        ],
      },
      {
        slice: 0,
        points: [
          [5, 5],
          [50, 5],
          [50, 50],
          [5, 50],
        ],
      },
    ],
  },
  { name: 'Iso', colour: [255, 255, 0], contours: [{ slice: 1, type: 'POINT', points: [[256, 256]] }] },
  {
    name: 'Unlabelled',
    colour: [0, 0, 255],
    contours: [
      {
        slice: 1,
        points: [
          [1, 1],
          [9, 1],
          [9, 9],
        ],
      },
    ],
  },
];

describe('rtstructContourAnnotations', () => {
  const files = ['01.dcm', '02.dcm', '03.dcm'].map((f) => testdataPath(CT, f));
  const plan = assembleSeries(files.map((f) => readDicomHeaderSync(f)))[0]!;
  const structure = readRtstruct(writeTestRtstruct(plan, ROIS), { name: 'test.dcm' });

  it('gives each closed contour as a freehand contour on its slice, at the index points it was drawn at', () => {
    const { payloads, skipped } = rtstructContourAnnotations(structure, {
      imageId: 'img-1',
      geometry: plan.geometry,
      labelIdOf: (roi) => (roi.name === 'Unlabelled' ? undefined : `label-${roi.name}`),
    });
    expect(skipped).toEqual([{ roi: 'Unlabelled', reason: 'no label for this ROI' }]);
    expect(payloads).toHaveLength(2);
    ROIS[0]!.contours.forEach((drawn, c) => {
      const payload = parseAnnotationPayload(JSON.parse(JSON.stringify(payloads[c])));
      expect(payload.type).toBe('freehandContour');
      expect(payload.labelId).toBe('label-Liver');
      expect(payload.imageRef).toEqual({ imageId: 'img-1', sliceIndex: drawn.slice });
      const points = (payload.data as { points: { index: number[] }[] }).points;
      // The file keeps five decimals of a mm: index points come back within a thousandth of a voxel.
      points.forEach((p, i) => {
        expect(p.index[0]).toBeCloseTo(drawn.points[i]![0], 3);
        expect(p.index[1]).toBeCloseTo(drawn.points[i]![1], 3);
        expect(p.index[2]).toBe(drawn.slice);
      });
    });
  });
});
