import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readWholeFile } from './read-whole-file.js';

describe('readWholeFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'voxelhub-whole-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a file under the limit, and refuses one over it without reading it', async () => {
    const path = join(dir, 'scan.dcm');
    writeFileSync(path, Buffer.alloc(100, 7));
    const read = await readWholeFile(path, 'scan.dcm', 100);
    expect(read.kind === 'file' && read.file.bytes.length).toBe(100);
    const refused = await readWholeFile(path, 'scan.dcm', 99);
    expect(refused).toEqual({
      kind: 'failed',
      code: 'TOO_LARGE',
      reason: expect.stringMatching(/^scan\.dcm: 100 bytes, more than the 99 bytes/),
    });
  });

  it('names the file and the system error when it cannot be read', async () => {
    const missing = await readWholeFile(join(dir, 'gone.dcm'), 'gone.dcm');
    expect(missing).toEqual({ kind: 'failed', code: 'IO', reason: 'gone.dcm: cannot be read (ENOENT)' });
  });
});
