import type { ClassificationData } from '@voxelhub/core/annotation';
import { describe, expect, it } from 'vitest';
import { describePayload } from './describe-payload.js';
import { classification, frameRange, length, point, rectangleRoi, samplePayload } from './sample-payloads.js';

const LABELS = [{ id: 'label-1', name: 'Nodule' }];

describe('describePayload', () => {
  it("names the label and the type, and gives a length's value and ends in mm (slices from 1)", () => {
    expect(describePayload(length(point(0, 0), point(6, 8)), LABELS)).toEqual({
      label: 'Nodule',
      type: 'Length',
      lines: ['Slice 1', 'Length 5.0 mm', 'From (0.0, 0.0, 0.0) to (3.0, 4.0, 0.0) mm'],
    });
  });

  it('says when the label is gone from the schema', () => {
    expect(describePayload(frameRange(0, 0), []).label).toBe('Unknown label (label-1)');
  });

  it('gives frame ranges counted from 1, as the cine controls show them', () => {
    expect(describePayload(frameRange(2, 9), LABELS).lines).toEqual(['Frames 3–10']);
    expect(describePayload(frameRange(4, 4), LABELS).lines).toEqual(['Frame 5']);
  });

  it.each<[ClassificationData['value'], string]>([
    [{ kind: 'single', choice: 'benign' }, 'Answer: benign'],
    [{ kind: 'multiple', choices: ['calcified', 'spiculated'] }, 'Answers: calcified, spiculated'],
    [{ kind: 'multiple', choices: [] }, 'No answer chosen'],
    [{ kind: 'text', text: 'see prior' }, 'Text: “see prior”'],
    [{ kind: 'text', text: '' }, 'Empty text'],
  ])('gives the classification answer %j', (value, line) => {
    expect(describePayload(classification(value, 'series'), LABELS).lines).toEqual([
      'Slice 1',
      'Series level',
      line,
    ]);
  });

  it("names the answers by the label's options, and an option the schema dropped by its id", () => {
    const labels = [
      {
        ...LABELS[0]!,
        classification: {
          options: [
            { id: 'o1', name: 'Calcified' },
            { id: 'o2', name: 'Solid' },
          ],
        },
      },
    ];
    const answer = classification({ kind: 'multiple', choices: ['o2', 'o1', 'gone'] });
    expect(describePayload(answer, labels).lines).toEqual([
      'Slice 1',
      'Image level',
      'Answers: Solid, Calcified, gone',
    ]);
  });

  it('gives an ROI its area and statistics in Hounsfield units', () => {
    expect(describePayload(rectangleRoi(), LABELS)).toMatchObject({
      type: 'Rectangle ROI',
      lines: [
        'Slice 1',
        'Area 80.0 mm²',
        'Mean 40.3 ± 3.5 HU (min -10.0, max 90.0)',
        'From (0.0, 0.0, 0.0) to (10.0, 8.0, 0.0) mm',
      ],
    });
  });

  it('gives an angle its value and vertex, a landmark its name and position', () => {
    const angle = samplePayload('angle', {
      points: [point(10, 0), point(0, 0), point(0, 10)],
      concept: { value: '1483009', scheme: 'SCT', meaning: 'Angle' },
      value: 90,
      unit: { value: 'deg', scheme: 'UCUM', meaning: 'degree' },
    });
    expect(describePayload(angle, LABELS).lines).toEqual([
      'Slice 1',
      'Angle 90.0°',
      'Vertex at (0.0, 0.0, 0.0) mm',
    ]);
    const landmark = samplePayload(
      'landmark',
      { name: 'carina', point: point(6, 8, 1) },
      { imageId: 'img-1' },
    );
    expect(describePayload(landmark, LABELS).lines).toEqual(['“carina” at (3.0, 4.0, 2.0) mm']);
  });

  it('counts the points of a contour and gives the first, on the frame it was drawn on', () => {
    const polygon = samplePayload(
      'polygon',
      { points: [point(0, 0, 3), point(4, 0, 3), point(0, 4, 3)] },
      { imageId: 'img-1', frameIndex: 3 },
    );
    expect(describePayload(polygon, LABELS).lines).toEqual([
      'Frame 4',
      '3 points',
      'First at (0.0, 0.0, 6.0) mm',
    ]);
  });

  it("names a segmentation's segments", () => {
    const segment = (index: number, name: string) => ({
      index,
      labelId: 'label-1',
      name,
      colour: '#ff0000',
      locked: false,
    });
    const labelMap = samplePayload(
      'segmentation',
      {
        representation: 'labelMap',
        blobKey: 'blob-1',
        format: 'nifti',
        segments: [segment(1, 'liver'), segment(2, 'spleen')],
      },
      { imageId: 'img-1' },
    );
    expect(describePayload(labelMap, LABELS).lines).toEqual(['Label map, 2 segments: liver, spleen']);
  });
});
