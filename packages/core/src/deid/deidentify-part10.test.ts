import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDicom } from '../dicom/parse-dicom.js';
import { readTestdata, testdataPath } from '../test-support/shared-data.js';
import { deidentifyPart10, deidentifyPart10Chunks, deidentifyPart10Sync } from './deidentify-part10.js';
import { leakList } from './leak-list.js';
import { VOXELHUB_IMPLEMENTATION_CLASS_UID } from './voxelhub-implementation.js';

const KEY = new TextEncoder().encode('voxelhub-part10-test-key');
const NO_FILE_META = 'pydicom/ExplVR_LitEndNoMeta.dcm';
const CT = 'pydicom/CT_small.dcm';
const FMRI = 'dcm_qa_nih/In/20180918GE/mr_0004/axial_epi_fmri_interleaved_i_to_s-00001.dcm';
const HAS_DCIODVFY = existsSync('/usr/bin/dciodvfy');

/** dciodvfy's error lines, values that de-identification changes replaced by <value>. */
function dciodvfyErrors(bytes: Uint8Array): string[] {
  const file = join(mkdtempSync(join(tmpdir(), 'voxelhub-part10-')), 'file.dcm');
  writeFileSync(file, bytes);
  const report = execFileSync('sh', ['-c', 'dciodvfy "$1" 2>&1 || true', 'sh', file], { encoding: 'utf8' });
  return report
    .split('\n')
    .filter((l) => l.startsWith('Error'))
    .map((l) => l.replace(/<[\d.]+>/g, '<value>'));
}

describe('deidentifyPart10', () => {
  it('gives a file without File Meta one that names Voxelhub as its implementation', () => {
    const output = deidentifyPart10Sync(readTestdata(NO_FILE_META), { key: KEY });
    const { dataSet, hasPart10Header } = parseDicom(output);
    expect(hasPart10Header).toBe(true);
    expect(dataSet.string('x00020012')).toBe(VOXELHUB_IMPLEMENTATION_CLASS_UID);
    expect(dataSet.string('x00020013')).toBe('VOXELHUB_DEID_1');
    expect(dataSet.string('x00020010')).toBe('1.2.840.10008.1.2.1');
    expect(dataSet.string('x00020003')).toBe(dataSet.string('x00080018'));
  });

  it.skipIf(!HAS_DCIODVFY)('adds no dciodvfy error to a file without File Meta', () => {
    const input = readTestdata(NO_FILE_META);
    const before = new Set(dciodvfyErrors(input));
    const added = dciodvfyErrors(deidentifyPart10Sync(input, { key: KEY })).filter((e) => !before.has(e));
    expect(added).toEqual([]);
  });

  it.skipIf(!HAS_DCIODVFY)(
    'keeps Referenced Performed Procedure Step Sequence an item with its Type 1 UIDs, replaced',
    () => {
      const output = deidentifyPart10Sync(readTestdata(FMRI), { key: KEY });
      const items = parseDicom(output).dataSet.elements.x00081111?.items ?? [];
      expect(items).toHaveLength(1);
      expect(items[0]!.dataSet!.string('x00081155')).toMatch(/^2\.25\.\d+$/);
      expect(
        dciodvfyErrors(output).filter((e) => /Type 1 Required.*SOPInstanceReferenceMacro/.test(e)),
      ).toEqual([]);
    },
  );

  it('returns the dataset and the untouched Pixel Data as chunks, the same bytes as the joined copy', async () => {
    const input = readTestdata(FMRI);
    const chunks = deidentifyPart10Chunks(input, { key: KEY });
    expect(chunks).toHaveLength(2);
    const pixels = parseDicom(input).dataSet.elements.x7fe00010!;
    expect(chunks[1]!.subarray(-pixels.length)).toEqual(input.subarray(pixels.dataOffset));
    expect(Buffer.concat(chunks)).toEqual(Buffer.from(await deidentifyPart10(input, { key: KEY })));
    expect(leakList(input, Buffer.concat(chunks))).toEqual([]);
  });

  it('refuses a file cut short, naming it', () => {
    const cut = readTestdata(CT).subarray(0, 1500);
    expect(() => deidentifyPart10Sync(cut, { key: KEY, file: testdataPath(CT) })).toThrow(/CT_small/);
  });
});
