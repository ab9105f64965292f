import type { DataSet } from 'dicom-parser';
import { describe, expect, it } from 'vitest';
import { parseDicom } from '../dicom/parse-dicom.js';
import { readTestdata } from '../test-support/shared-data.js';
import { readPart10Dataset, readPart10Parts, writePart10Dataset, writePart10Parts } from './dcmjs-dataset.js';
import { deidentifyDatasetSync } from './deidentify-dataset.js';
import { dicomTestdataFiles, refusalOf, TEST_PROJECT_KEY } from './testdata-deid-fixture.js';

/**
 * Core's Explicit VR Little Endian reader and writer (the fast path of deidentifyPart10) against the
 * input itself and against dcmjs, on every shared test file the reader takes.
 */
const BINARY_VRS = new Set(['OB', 'OW', 'OD', 'OF', 'OL', 'US', 'SS', 'UL', 'SL', 'FL', 'FD', 'AT']);

/** Every element's value by path, as dicom-parser reads it: text without its padding, bytes as hex. */
function valuesByPath(dataSet: DataSet, prefix = '', into = new Map<string, string>()): Map<string, string> {
  for (const [key, element] of Object.entries(dataSet.elements)) {
    if (key.startsWith('xfffe') || key === 'x00020000') continue;
    const path = prefix + key.slice(1);
    if (element.items) {
      into.set(path, `${element.items.length} items`);
      element.items.forEach((item, i) => {
        if (item.dataSet) valuesByPath(item.dataSet, `${path}[${i}]/`, into);
      });
    } else if (element.vr && BINARY_VRS.has(element.vr)) {
      const bytes = dataSet.byteArray.subarray(element.dataOffset, element.dataOffset + element.length);
      into.set(path, Buffer.from(bytes).toString('hex'));
    } else into.set(path, (dataSet.string(key) ?? '').replace(/[\0 ]+$/, ''));
  }
  return into;
}

/** Where dcmjs, not the fast path, loses something of the input (the round trip above shows the file's own). */
const DCMJS_DIFFERS: Readonly<Record<string, string>> = {
  'pydicom-data/JPGLosslessP14SV1_1s_1f_8b.dcm': 'dcmjs drops the empty second item of (0040,0260)',
};

const files = dicomTestdataFiles().filter((f) => !refusalOf(f));
const fastFiles = files.filter((f) => readPart10Parts(readTestdata(f), f).text !== undefined);

describe('the Explicit VR Little Endian reader and writer', () => {
  it('read most of the shared test files (the others go through dcmjs)', () => {
    expect(fastFiles.length).toBeGreaterThan(100);
  });

  it.each(fastFiles)('write %s back with every value it holds', (file) => {
    const input = readTestdata(file);
    const output = writePart10Parts(readPart10Parts(input, file));
    const before = valuesByPath(parseDicom(input).dataSet);
    const after = valuesByPath(parseDicom(output).dataSet);
    // Files without File Meta get one naming their SOP class and instance.
    for (const added of ['00020002', '00020003']) if (!before.has(added)) after.delete(added);
    expect(Object.fromEntries(after)).toEqual(Object.fromEntries(before));
  });

  it.each(fastFiles.filter((f) => !DCMJS_DIFFERS[f]))('de-identify %s as the dcmjs path does', (file) => {
    const input = readTestdata(file);
    const settings = { key: TEST_PROJECT_KEY };
    const parts = readPart10Parts(input, file);
    const fast = writePart10Parts({ ...parts, dataset: deidentifyDatasetSync(parts.dataset, settings) });
    const viaDcmjs = writePart10Dataset(deidentifyDatasetSync(readPart10Dataset(input, file), settings));
    const a = valuesByPath(parseDicom(fast).dataSet);
    const b = valuesByPath(parseDicom(viaDcmjs).dataSet);
    // dcmjs re-encodes text as UTF-8 and says so; it writes DS and IS numbers in its own format. Pixel
    // Data is compared with the input above: the fast path copies it, dcmjs re-fragments it.
    for (const values of [a, b]) for (const tag of ['00080005', '7fe00010']) values.delete(tag);
    for (const [path, value] of b) {
      const other = a.get(path);
      if (other !== undefined && Number.isFinite(Number(value)) && Number(value) === Number(other))
        b.set(path, other);
    }
    expect(Object.fromEntries(a)).toEqual(Object.fromEntries(b));
  });
});
