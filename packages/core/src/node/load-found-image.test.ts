import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSeries } from '../dicom/series/load-series.js';
import { testdataPath } from '../test-support/shared-data.js';
import { describeInputs } from './describe-inputs.js';
import { readWholeFile } from './file-bytes.js';
import { fsRangeReader } from './fs-range-reader.js';
import { loadFoundImage } from './load-found-image.js';

const work = mkdtempSync(join(tmpdir(), 'voxelhub-load-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function planOf(path: string) {
  const { images } = await describeInputs([path]);
  const found = images[0]!;
  if (found.source !== 'dicom') throw new Error('expected DICOM');
  return found;
}

describe('loading DICOM series', () => {
  it('reads plain native pixel data straight into the volume, with the same values as decoding', async () => {
    // CT_small: native ELE, 16 bits stored of 16, signed, RescaleIntercept -1024 → the direct path.
    const found = await planOf(testdataPath('pydicom/CT_small.dcm'));
    const direct = await loadSeries(found.plan, { readFile: readWholeFile, rangeReader: fsRangeReader });
    const decoded = await loadSeries(found.plan, { readFile: readWholeFile });
    expect(direct.dataType).toBe('int16');
    expect(direct.data).toEqual(decoded.data);
    // pydicom: CT_small pixel_array[0,0] = 175 stored → 175 - 1024 = -849 HU; min -896, max 1167 HU.
    expect(direct.data[0]).toBe(175 - 1024);
    expect(Math.min(...direct.data)).toBe(-896);
    expect(Math.max(...direct.data)).toBe(1167);
  });

  it('reports pixel data cut short in a file that otherwise parses', async () => {
    const bytes = readFileSync(testdataPath('pydicom/CT_small.dcm'));
    const cut = join(work, 'cut.dcm');
    writeFileSync(cut, bytes.subarray(0, bytes.length - 1000));
    const found = await planOf(cut);
    await expect(loadFoundImage(found)).rejects.toMatchObject({ code: 'PIXEL_DATA_SHORT', file: cut });
  });
});
