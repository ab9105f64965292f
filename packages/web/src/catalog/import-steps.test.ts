import { describe, expect, it } from 'vitest';
import { failureNotice, importProgressText, uploadProgressText } from './import-steps.js';

const PROJECT = { id: 'p1', name: 'Decathlon Spleen' };

describe('import steps', () => {
  it('says what exists after each failure', () => {
    expect(failureNotice('create', 'the server cannot be reached', null)).toBe(
      'The project could not be created: the server cannot be reached. Nothing was created.',
    );
    const upload = failureNotice('upload', 'the upload was cancelled', PROJECT);
    expect(upload).toContain('“Decathlon Spleen” was created');
    expect(upload).toContain('uploading the files failed: the upload was cancelled');
    expect(upload).toContain('retry the import into it');
    const job = failureNotice('import', 'dataset.json: not JSON', PROJECT);
    expect(job).toContain('the files were uploaded, but the import failed: dataset.json: not JSON');
    expect(job).toContain('stays in the project');
  });

  it('shows the bytes sent of the total and the items imported', () => {
    expect(uploadProgressText(0, 4 * 1024 * 1024)).toBe('0 bytes of 4.00 MB (0 %)');
    expect(uploadProgressText(1.2 * 1024 * 1024, 4 * 1024 * 1024)).toBe('1.20 MB of 4.00 MB (30 %)');
    expect(uploadProgressText(10, 0)).toBe('10 bytes of 0 bytes (100 %)');
    expect(importProgressText(0, null)).toBe('Waiting for the import to start…');
    expect(importProgressText(3, 7)).toBe('3 of 7 items imported');
  });
});
