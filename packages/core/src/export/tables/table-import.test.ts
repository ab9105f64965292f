import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UCUM } from '../../annotation/index.js';
import type { ExportDataset } from '../export-dataset.js';
import { readAnnotationsJson, writeAnnotationsJson } from './annotations-json.js';
import { readLabelsCsv, writeLabelsCsv } from './classification-long.js';
import { readLabelsWideCsv } from './classification-wide.js';
import { readLandmarksCsv, writeLandmarksCsv } from './landmark-table.js';
import { readMeasurementsCsv, writeMeasurementsCsv } from './measurement-table.js';
import { TableImportError, type TableIssue } from './table-import-error.js';
import { ANNOTATIONS, CONTEXT, CT, csv, DATASET, LABELS, LESION, p, XRAY } from './tables-test-dataset.js';

function issuesOf(read: () => unknown): TableIssue[] {
  try {
    read();
  } catch (error) {
    if (error instanceof TableImportError) return [...error.issues];
    throw error;
  }
  throw new Error('expected a TableImportError');
}

describe('hand-made files', () => {
  it('labels.csv without kind, slice, frame or ids: kinds inferred, option names accepted', () => {
    const file = csv(
      'mine.csv',
      '\uFEFFcase_name,label,value\r\ncase_0001,View,PA\r\ncase_0001,Findings,Effusion|ptx\r\ncase_0002,Note,"a, b"\r\n',
    );
    expect(readLabelsCsv(file, CONTEXT).map((a) => [a.id, a.imageId, a.payload.data])).toEqual([
      ['mine.csv#2', 'img-xray', { level: 'image', value: { kind: 'single', choice: 'pa' } }],
      ['mine.csv#3', 'img-xray', { level: 'image', value: { kind: 'multiple', choices: ['eff', 'ptx'] } }],
      ['mine.csv#4', 'img-ct', { level: 'image', value: { kind: 'text', text: 'a, b' } }],
    ]);
  });

  it('landmarks.csv with only one of the two triples derives the other from the geometry', () => {
    // CT: origin (-10, 20, 5), spacing (0.5, 0.25, 2.5), identity direction.
    const file = csv(
      'lm.csv',
      'case_name,label,name,i,j,k,x,y,z\ncase_0002,"Anatomy, points",a,4,8,2,,,\ncase_0002,"Anatomy, points",b,,,,-9,21,10\n',
    );
    expect(readLandmarksCsv(file, CONTEXT).map((a) => a.payload.data)).toEqual([
      { name: 'a', point: { index: [4, 8, 2], patient: [-8, 22, 10] } },
      { name: 'b', point: { index: [2, 4, 2], patient: [-9, 21, 10] } },
    ]);
  });

  it('labels_wide.csv in CheXpert style with extra columns, when told to ignore them', () => {
    const file = csv(
      'wide.csv',
      'case_name,Age,Findings:Effusion,Findings:Pneumothorax\r\ncase_0002,61,0,1.0\r\n',
    );
    expect(() => readLabelsWideCsv(file, CONTEXT)).toThrow(
      'wide.csv row 1, column "Age": no classification label or `<label>:<option>` has this name',
    );
    const read = readLabelsWideCsv(file, CONTEXT, { ignoreUnknownColumns: true });
    expect(read.map((a) => (a.payload.data as { value: unknown }).value)).toEqual([
      { kind: 'multiple', choices: ['ptx'] },
    ]);
  });
});

describe('bad rows are reported with file, row and column', () => {
  it('in landmarks.csv', () => {
    const file = csv(
      'landmarks.csv',
      'case_name,label,name,i,j,k,x,y,z\r\ncase_0002,"Anatomy, points",a,1,x,1,,,\r\ncase_9,"Anatomy, points",b,1,1,1,,,\r\ncase_0002,Measure,c,1,1,1,,,\r\n',
    );
    expect(issuesOf(() => readLandmarksCsv(file, CONTEXT))).toEqual([
      { file: 'landmarks.csv', row: 2, column: 'j', message: '"x" is not a number' },
      { file: 'landmarks.csv', row: 3, column: 'case_name', message: 'no image is case "case_9"' },
      {
        file: 'landmarks.csv',
        row: 4,
        column: 'label',
        message: 'label "Measure" is a measurement label, not point',
      },
    ]);
  });

  it('in labels.csv: an unknown option, a missing column', () => {
    expect(
      issuesOf(() => readLabelsCsv(csv('l.csv', 'case_name,label,value\r\ncase_0001,View,LAT\r\n'), CONTEXT)),
    ).toEqual([
      { file: 'l.csv', row: 2, column: 'value', message: '"LAT" is not an option of label "View"' },
    ]);
    expect(issuesOf(() => readLabelsCsv(csv('l.csv', 'case_name,label\r\n'), CONTEXT))).toEqual([
      { file: 'l.csv', row: 1, column: 'value', message: 'the header lacks this column' },
    ]);
  });

  it('in measurements.csv: a length that disagrees with its points, an ROI missing a statistic', () => {
    const points = '"[{""index"":[0,0,0],""patient"":[0,0,0]},{""index"":[3,4,0],""patient"":[1.5,2,0]}]"';
    const circle =
      '"{""center"":{""index"":[2,2,1],""patient"":[-9,20.5,7.5]},""edge"":{""index"":[4,2,1],""patient"":[-8,20.5,7.5]}}"';
    const roi = (kind: string, value: string) =>
      `case_0002,Measure,${kind},${value},mm2,circleRoi,52988006,SCT,Lesion,1,${circle},r1`;
    const file = csv(
      'm.csv',
      [
        'case_name,label,kind,value,unit,type,concept_value,concept_scheme,concept_meaning,slice,points,annotation_id',
        `case_0001,Measure,length,3,mm,,,,,0,${points},len`,
        roi('area', '1'),
        roi('mean', '1'),
        '',
      ].join('\r\n'),
    );
    expect(issuesOf(() => readMeasurementsCsv(file, CONTEXT))).toEqual([
      {
        file: 'm.csv',
        row: 2,
        column: 'value',
        message: "data.value: value must be the points' distance (2.5 mm)",
      },
      { file: 'm.csv', row: 3, column: 'kind', message: 'the circleRoi lacks its sd, min, max row(s)' },
    ]);
  });

  it('in annotations.json: every bad payload, with its row and field path', () => {
    const json = JSON.parse(new TextDecoder().decode(writeAnnotationsJson(DATASET).bytes));
    json.annotations[1].payload.data.value.kind = 'several';
    json.annotations[4].payload.data.point.index[0] = 'x';
    json.annotations[5].imageId = 'img-ct';
    const file = csv('annotations.json', JSON.stringify(json));
    const issues = issuesOf(() => readAnnotationsJson(file));
    expect(issues.map((i) => [i.file, i.row, i.column])).toEqual([
      ['annotations.json', 1, 'annotations[1].payload.data.value.kind'],
      ['annotations.json', 4, 'annotations[4].payload.data.point.index[0]'],
    ]);
    // References are checked once the payloads are valid.
    json.annotations[1].payload.data.value.kind = 'multiple';
    json.annotations[4].payload.data.point.index[0] = 2;
    const references = issuesOf(() => readAnnotationsJson(csv('annotations.json', JSON.stringify(json))));
    expect(references).toEqual([
      {
        file: 'annotations.json',
        row: 5,
        column: 'annotations[5].payload.imageRef.imageId',
        message: "differs from the annotation's imageId",
      },
    ]);
  });

  it('in annotations.json that is not JSON', () => {
    expect(() => readAnnotationsJson(csv('annotations.json', '{'))).toThrow(
      /^annotations\.json row 0: not JSON/,
    );
  });
});

describe('quoting round trips (fast-check)', () => {
  // Text with every character RFC 4180 quoting must protect, and any unicode.
  const awkward = fc.oneof(
    fc.string({ unit: fc.constantFrom('a', ',', '"', '\r', '\n', ' ', '|', 'é'), minLength: 1 }),
    fc.string({ unit: 'grapheme', minLength: 1 }),
  );

  it('free text and landmark names come back unchanged', () => {
    fc.assert(
      fc.property(awkward, awkward, (note, name) => {
        const annotations = ANNOTATIONS.map((a) => {
          if (a.id === 'c-note')
            return {
              ...a,
              payload: { ...a.payload, data: { level: 'image', value: { kind: 'text', text: note } } },
            };
          if (a.id === 'lm-carina' && a.payload.type === 'landmark')
            return { ...a, payload: { ...a.payload, data: { ...a.payload.data, name } } };
          return a;
        }) as ExportDataset['annotations'];
        const dataset: ExportDataset = { ...DATASET, annotations };
        const labels = readLabelsCsv(writeLabelsCsv(dataset).file, CONTEXT);
        const landmarks = readLandmarksCsv(writeLandmarksCsv(dataset).file, CONTEXT);
        expect([...labels, ...landmarks]).toEqual(
          annotations.filter((a) => a.payload.type === 'classification' || a.payload.type === 'landmark'),
        );
      }),
      { numRuns: 200 },
    );
  });

  it('label names with commas, quotes and line breaks still match', () => {
    fc.assert(
      fc.property(awkward, (name) => {
        const labels = LABELS.map((l) => (l.id === 'lab-point' ? { ...l, name } : l));
        const dataset: ExportDataset = { ...DATASET, labels };
        const read = readLandmarksCsv(writeLandmarksCsv(dataset).file, { images: [XRAY, CT], labels });
        expect(read.map((a) => a.labelId)).toEqual(['lab-point']);
      }),
      { numRuns: 100 },
    );
  });
});

describe('numbers round trip exactly', () => {
  it('landmark coordinates of any finite double, -0 included', () => {
    const double = fc.double({ noNaN: true, noDefaultInfinity: true });
    fc.assert(
      fc.property(fc.tuple(double, double, double), fc.tuple(double, double, double), (index, patient) => {
        const lm = ANNOTATIONS.find((a) => a.id === 'lm-carina')!;
        const payload = {
          ...lm.payload,
          data: { name: 'n', point: { index, patient } },
        } as typeof lm.payload;
        const dataset: ExportDataset = { ...DATASET, annotations: [{ ...lm, payload }] };
        const [read] = readLandmarksCsv(writeLandmarksCsv(dataset).file, CONTEXT);
        expect(read!.payload).toEqual(payload);
        const point = (read!.payload.data as { point: { index: number[] } }).point;
        expect(point.index.map((n) => Object.is(n, -0))).toEqual(index.map((n) => Object.is(n, -0)));
      }),
      { numRuns: 300 },
    );
  });
});

describe('ellipse and rectangle ROIs', () => {
  const statistics = { area: 12.25, mean: 1e-7, stdDev: 0, min: -3.5, max: 2, unit: UCUM.noUnit };
  const ref = { imageId: 'img-xray', frameIndex: 0 };
  const annotations = [
    {
      id: 'e1',
      imageId: 'img-xray',
      labelId: 'lab-measure',
      payload: {
        schemaVersion: 1 as const,
        type: 'ellipseRoi' as const,
        imageRef: ref,
        labelId: 'lab-measure',
        data: {
          center: p([4, 4, 0], [2, 2, 0]),
          axisEnds: [p([6, 4, 0], [3, 2, 0]), p([4, 5, 0], [2, 2.5, 0])] as [
            ReturnType<typeof p>,
            ReturnType<typeof p>,
          ],
          concept: LESION,
          statistics,
        },
      },
    },
    {
      id: 'r1',
      imageId: 'img-xray',
      labelId: 'lab-measure',
      payload: {
        schemaVersion: 1 as const,
        type: 'rectangleRoi' as const,
        imageRef: ref,
        labelId: 'lab-measure',
        data: {
          box: { min: p([1, 1, 0], [0.5, 0.5, 0]), max: p([7, 7, 0], [3.5, 3.5, 0]) },
          concept: LESION,
          statistics,
        },
      },
    },
  ];

  it('write five rows each and read back to the same payloads', () => {
    const { file } = writeMeasurementsCsv({ ...DATASET, annotations });
    expect(
      new TextDecoder()
        .decode(file.bytes)
        .split('\r\n')
        .filter((l) => l.includes(',e1')),
    ).toHaveLength(5);
    expect(readMeasurementsCsv(file, CONTEXT)).toEqual(annotations);
  });
});
