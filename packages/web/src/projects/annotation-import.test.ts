import { describe, expect, it } from 'vitest';
import { annotationImportForm, importSummary } from './annotation-import.js';

describe('annotation import form', () => {
  it('sends the format unless automatic, the dry-run flag when set, and the file', () => {
    const file = new File(['x'], 'export.zip');
    const auto = annotationImportForm(file, 'auto', false);
    expect([...auto.keys()]).toEqual(['file']);
    const coco = annotationImportForm(file, 'coco', true);
    expect(coco.get('format')).toBe('coco');
    expect(coco.get('dryRun')).toBe('true');
    expect((coco.get('file') as File).name).toBe('export.zip');
  });

  it('summarises a report', () => {
    const report = {
      format: 'yolo',
      dryRun: true,
      created: [{ label: 'Nodule', labelId: 'l1', type: 'box2d', count: 1 }],
      createdTotal: 1,
      newLabels: [],
      skipped: [{ file: 'labels/train/x.txt', reason: 'no case' }],
    };
    expect(importSummary(report)).toBe('yolo: would create 1 annotation; 1 item(s) skipped');
    expect(importSummary({ ...report, dryRun: false, createdTotal: 3, skipped: [] })).toBe(
      'yolo: created 3 annotations',
    );
  });
});
