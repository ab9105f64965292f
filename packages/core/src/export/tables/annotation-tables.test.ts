import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { writeAnnotationTables } from './annotation-tables.js';
import { readAnnotationsJson } from './annotations-json.js';
import { readLabelsCsv } from './classification-long.js';
import { readLabelsWideCsv } from './classification-wide.js';
import { parseCsv } from './csv.js';
import { readLandmarksCsv } from './landmark-table.js';
import { readMeasurementsCsv } from './measurement-table.js';
import { PYTHON_CSV_READER } from './python-csv.js';
import { ANNOTATIONS, CONTEXT, DATASET, text } from './tables-test-dataset.js';

/** The cells Python's csv module reads from each text. */
function pythonCsvRows(texts: readonly string[]): string[][][] {
  const out = execFileSync('/usr/bin/python3', ['-c', PYTHON_CSV_READER], { input: JSON.stringify(texts) });
  return JSON.parse(out.toString());
}

const { files, skipped } = writeAnnotationTables(DATASET);
const file = (path: string) => files.find((f) => f.path === path)!;
const lines = (...rows: string[]) => rows.map((r) => `${r}\r\n`).join('');
const ofType = (...types: string[]) => ANNOTATIONS.filter((a) => types.includes(a.payload.type));

// Expected text written by hand from the dataset (tables-test-dataset.ts) and the column lists in
// docs/export-tables.md: quoting per RFC 4180, numbers as String(n).
describe('writeAnnotationTables', () => {
  it('writes the five files', () => {
    expect(files.map((f) => f.path)).toEqual([
      'labels.csv',
      'labels_wide.csv',
      'landmarks.csv',
      'measurements.csv',
      'annotations.json',
    ]);
  });

  it('writes labels.csv, one row per answer', () => {
    expect(text(file('labels.csv').bytes)).toBe(
      lines(
        'case_name,image_id,subject_id,split,level,label,value,kind,slice,frame,annotation_id',
        'case_0001,img-xray,subj-1,train,image,View,pa,single,,,c-view',
        'case_0001,img-xray,subj-1,train,image,Findings,card|eff,multiple,,,c-findings',
        'case_0001,img-xray,subj-1,train,image,Note,"heart ""large"", see\nreport",text,,,c-note',
        'case_0002,img-ct,subj-2,test,study,View,ap,single,,,c-study',
      ),
    );
  });

  it('writes labels_wide.csv, one row per image and 0/1 columns per multiple-choice option', () => {
    expect(text(file('labels_wide.csv').bytes)).toBe(
      lines(
        'case_name,image_id,subject_id,split,View,Findings:Effusion,Findings:Cardiomegaly,Findings:Pneumothorax,Note',
        'case_0001,img-xray,subj-1,train,pa,1,1,0,"heart ""large"", see\nreport"',
        'case_0002,img-ct,subj-2,test,,,,,',
      ),
    );
    expect(skipped).toEqual([
      {
        file: 'labels_wide.csv',
        annotationId: 'c-study',
        type: 'classification',
        reason: 'a study-level answer (one row per image holds image-level answers)',
      },
    ]);
  });

  it('writes landmarks.csv with voxel index and LPS mm', () => {
    expect(text(file('landmarks.csv').bytes)).toBe(
      lines(
        'case_name,image_id,label,name,i,j,k,x,y,z,slice,frame,annotation_id',
        'case_0002,img-ct,"Anatomy, points",carina,2,1,1,-9,20.25,7.5,1,,lm-carina',
      ),
    );
  });

  it('writes measurements.csv, one row per figure', () => {
    const circle =
      '"{""center"":{""index"":[2,2,1],""patient"":[-9,20.5,7.5]},""edge"":{""index"":[4,2,1],""patient"":[-8,20.5,7.5]}}"';
    const roi = (kind: string, value: string, unit: string) =>
      `case_0002,img-ct,Measure,${kind},${value},${unit},circleRoi,52988006,SCT,Lesion,1,,${circle},m-circle`;
    const hu = "[hnsf'U],UCUM,Hounsfield unit";
    expect(text(file('measurements.csv').bytes)).toBe(
      lines(
        'case_name,image_id,label,kind,value,unit,unit_scheme,unit_meaning,type,concept_value,concept_scheme,concept_meaning,slice,frame,points,annotation_id',
        'case_0001,img-xray,Measure,length,2.5,mm,UCUM,mm,length,410668003,SCT,Length,0,,"[{""index"":[0,0,0],""patient"":[0,0,0]},{""index"":[3,4,0],""patient"":[1.5,2,0]}]",m-length',
        'case_0001,img-xray,Measure,angle,90,deg,UCUM,degree,angle,1483009,SCT,Angle,0,,"[{""index"":[2,0,0],""patient"":[1,0,0]},{""index"":[0,0,0],""patient"":[0,0,0]},{""index"":[0,2,0],""patient"":[0,1,0]}]",m-angle',
        roi('area', '3.14', 'mm2,UCUM,mm2'),
        roi('mean', '40', hu),
        roi('sd', '12.5', hu),
        roi('min', '-20', hu),
        roi('max', '110', hu),
      ),
    );
  });

  it("writes CSV that Python's csv module reads to the same cells", () => {
    const csvs = files.filter((f) => f.path.endsWith('.csv')).map((f) => text(f.bytes));
    expect(pythonCsvRows(csvs)).toEqual(csvs.map((t) => parseCsv(t, 'x.csv')));
  });
});

describe('export → import', () => {
  it('labels.csv reads back to the classifications', () => {
    expect(readLabelsCsv(file('labels.csv'), CONTEXT)).toEqual(ofType('classification'));
  });

  it('labels_wide.csv reads back to the image-level classifications', () => {
    const read = readLabelsWideCsv(file('labels_wide.csv'), CONTEXT);
    const imageLevel = ofType('classification').filter((a) => a.id !== 'c-study');
    expect(read.map((a) => a.payload)).toEqual(imageLevel.map((a) => a.payload));
  });

  it('landmarks.csv reads back to the landmarks', () => {
    expect(readLandmarksCsv(file('landmarks.csv'), CONTEXT)).toEqual(ofType('landmark'));
  });

  it('measurements.csv reads back to the measurements', () => {
    expect(readMeasurementsCsv(file('measurements.csv'), CONTEXT)).toEqual(
      ofType('length', 'angle', 'circleRoi'),
    );
  });

  it('annotations.json reads back to the dataset', () => {
    expect(readAnnotationsJson(file('annotations.json'))).toEqual(DATASET);
  });
});
