import { describe, expect, it } from 'vitest';
import type { ExportImage } from '../export-dataset.js';
import { readFindingsCsv } from './findings-csv.js';
import { TableImportError } from './table-import-error.js';
import { csv, LABELS, XRAY } from './tables-test-dataset.js';

// The first rows of ChestX-ray14's Data_Entry_2017.csv (Wang et al., CVPR 2017, NIH Clinical Center), in
// its layout: file name, '|'-separated findings or "No Finding", then per-image facts we ignore.
const DATA_ENTRY = [
  'Image Index,Finding Labels,Follow-up #,Patient ID,Patient Age,Patient Gender,View Position',
  '00000001_000.png,Cardiomegaly,0,1,58,M,PA',
  '00000001_001.png,Cardiomegaly|Effusion,1,1,58,M,PA',
  '00000003_000.png,No Finding,0,3,81,F,PA',
].join('\n');

const images: ExportImage[] = ['00000001_000', '00000001_001', '00000003_000'].map((caseName, n) => ({
  ...XRAY,
  id: `nih-${n}`,
  caseName,
}));
const context = { images, labels: LABELS };
const options = {
  imageColumn: 'Image Index',
  columns: [
    { column: 'Finding Labels', label: 'Findings', kind: 'multiple' as const },
    { column: 'View Position', label: 'View', kind: 'single' as const },
  ],
};

describe('readFindingsCsv', () => {
  it('maps findings onto the options by name, and "No Finding" onto no option', () => {
    const read = readFindingsCsv(csv('Data_Entry_2017.csv', DATA_ENTRY), context, options);
    expect(read.map((a) => [a.imageId, a.labelId, a.payload.data])).toEqual([
      ['nih-0', 'lab-findings', { level: 'image', value: { kind: 'multiple', choices: ['card'] } }],
      ['nih-0', 'lab-view', { level: 'image', value: { kind: 'single', choice: 'pa' } }],
      ['nih-1', 'lab-findings', { level: 'image', value: { kind: 'multiple', choices: ['card', 'eff'] } }],
      ['nih-1', 'lab-view', { level: 'image', value: { kind: 'single', choice: 'pa' } }],
      ['nih-2', 'lab-findings', { level: 'image', value: { kind: 'multiple', choices: [] } }],
      ['nih-2', 'lab-view', { level: 'image', value: { kind: 'single', choice: 'pa' } }],
    ]);
  });

  it('names the file, row and column of a finding that is not an option, and of an unknown image', () => {
    const text = `${DATA_ENTRY}\n00000004_000.png,Hernia,0,4,82,M,AP\n00000099_000.png,No Finding,0,99,1,F,PA`;
    let error: unknown;
    try {
      readFindingsCsv(csv('Data_Entry_2017.csv', text), context, options);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TableImportError);
    expect((error as TableImportError).issues).toEqual([
      {
        file: 'Data_Entry_2017.csv',
        row: 5,
        column: 'Image Index',
        message: 'no image has id or case name "00000004_000.png" (or "00000004_000")',
      },
      {
        file: 'Data_Entry_2017.csv',
        row: 6,
        column: 'Image Index',
        message: 'no image has id or case name "00000099_000.png" (or "00000099_000")',
      },
    ]);
    const known = `${DATA_ENTRY}\n00000003_000.png,Hernia,0,3,81,F,PA`;
    expect(() => readFindingsCsv(csv('Data_Entry_2017.csv', known), context, options)).toThrow(
      'Data_Entry_2017.csv row 5, column "Finding Labels": "Hernia" is not an option of label "Findings"',
    );
  });
});
