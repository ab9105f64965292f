import { describe, expect, it } from 'vitest';
import { datasetImportReportOf, reportSummary } from './dataset-import-report.js';

const BASE_JOB = {
  id: 'j1',
  kind: 'dataset-import',
  state: 'done',
  error: null,
  progress: { done: 5, total: 5 },
  counts: { imported: 0, duplicates: 0, failed: 0, skipped: 0, pending: 0 },
  failures: [],
  skippedItems: [],
};

/** A result as the server's DatasetImportReport has it. */
const RESULT = {
  layout: { kind: 'msd', summary: 'Decathlon task Spleen: 2 training cases, 1 test; labels spleen' },
  labels: { created: [{ name: 'spleen', type: 'mask' }], existing: ['Liver'] },
  images: {
    imported: 2,
    duplicates: 1,
    failed: [{ file: 'T/imagesTr/c.nii.gz', reason: 'not a NIfTI file' }],
    held: ['T/imagesTr/d.dcm'],
  },
  annotations: {
    created: [{ label: 'spleen', type: 'mask', count: 2 }],
    total: 2,
    skipped: [{ file: 'T/labelsTr/c.nii.gz', reason: 'its image failed' }],
  },
  ignored: ['T/README.md'],
  ignoredCount: 1,
};

describe('the dataset import report', () => {
  it('reads labels, images, annotations per label and skipped files from the job’s result', () => {
    const report = datasetImportReportOf({ ...BASE_JOB, result: RESULT });
    expect(report).toEqual({
      state: 'done',
      error: null,
      layoutSummary: 'Decathlon task Spleen: 2 training cases, 1 test; labels spleen',
      labels: { created: ['spleen'], existing: ['Liver'] },
      images: { imported: 2, duplicates: 1, failed: 1, held: 1 },
      annotations: [{ label: 'spleen', count: 2 }],
      skipped: [{ name: 'T/labelsTr/c.nii.gz', reason: 'its image failed' }],
      failures: [{ name: 'T/imagesTr/c.nii.gz', reason: 'not a NIfTI file' }],
    });
    expect(reportSummary(report)).toBe(
      '2 images imported, 1 already in the project, 1 held for privacy review, 1 failed, 2 annotations created, 1 skipped',
    );
  });

  it('reads the report as GET …/dataset-imports/:jobId answers it, and a result stored as text', () => {
    const fromRoute = datasetImportReportOf({
      id: 'j1',
      state: 'done',
      progress: { done: 5, total: 5 },
      error: null,
      report: RESULT,
    });
    expect(fromRoute).toEqual(datasetImportReportOf({ ...BASE_JOB, result: RESULT }));
    expect(datasetImportReportOf({ ...BASE_JOB, result: JSON.stringify(RESULT) }).images.imported).toBe(2);
  });

  it('falls back on the job’s own counts and items when there is no result, and keeps the reason', () => {
    const report = datasetImportReportOf({
      ...BASE_JOB,
      state: 'failed',
      error: 'the staged files are gone',
      counts: { imported: 3, duplicates: 0, failed: 1, skipped: 0, pending: 0 },
      failures: [{ name: 'a.nii.gz', code: 'UNREADABLE', reason: 'truncated' }],
    });
    expect(report).toMatchObject({
      state: 'failed',
      error: 'the staged files are gone',
      layoutSummary: null,
      labels: { created: [], existing: [] },
      images: { imported: 3, duplicates: 0, failed: 1, held: 0 },
      annotations: [],
      skipped: [],
      failures: [{ name: 'a.nii.gz', reason: 'truncated' }],
    });
    expect(reportSummary(report)).toBe('3 images imported, 1 failed, 0 annotations created');
  });
});
