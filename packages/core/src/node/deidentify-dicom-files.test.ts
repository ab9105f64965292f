import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deidentifyPart10Sync } from '../deid/deidentify-part10.js';
import { testdataPath } from '../test-support/shared-data.js';
import { deidentifyDicomFiles } from './deidentify-dicom-files.js';

const KEY = new TextEncoder().encode('voxelhub-dicom-files-test-key');
const INPUTS = [
  'dcm_qa_nih/In/20180918GE/mr_0004/axial_epi_fmri_interleaved_i_to_s-00001.dcm',
  'pydicom/CT_small.dcm', // read by dcmjs: Pixel Data is not where the fast path wants it
  'pydicom/JPEG2000.dcm',
  'highdicom/dx_image.dcm',
];

describe('deidentifyDicomFiles', () => {
  it('writes each copy as deidentifyPart10 makes it, and sums the report over the files', () => {
    const out = mkdtempSync(join(tmpdir(), 'voxelhub-dicom-files-'));
    const jobs = INPUTS.map((f, i) => ({ input: testdataPath(f), output: join(out, `${i}.dcm`) }));
    const { report, failed } = deidentifyDicomFiles(jobs, { key: KEY });
    expect(failed).toEqual([]);
    for (const job of jobs) {
      const expected = deidentifyPart10Sync(readFileSync(job.input), { key: KEY });
      expect(Buffer.from(readFileSync(job.output)).equals(Buffer.from(expected)), job.input).toBe(true);
    }
    expect(report.list().find((e) => e.tag === '00080018')).toMatchObject({ count: INPUTS.length });
  });

  it('reports a damaged and a missing file by name and de-identifies the others', () => {
    const out = mkdtempSync(join(tmpdir(), 'voxelhub-dicom-files-'));
    const damaged = join(out, 'damaged.dcm');
    writeFileSync(damaged, readFileSync(testdataPath(INPUTS[0]!)).subarray(0, 1000));
    const jobs = [damaged, join(out, 'missing.dcm'), testdataPath(INPUTS[0]!)].map((input, i) => ({
      input,
      output: join(out, `out-${i}.dcm`),
    }));
    const { failed } = deidentifyDicomFiles(jobs, { key: KEY });
    expect(failed.map((f) => [f.input, f.error.code])).toEqual([
      [damaged, expect.not.stringMatching(/^IO$/)],
      [join(out, 'missing.dcm'), 'IO'],
    ]);
    expect(failed[0]!.error.message).toContain('damaged.dcm');
    expect(readFileSync(join(out, 'out-2.dcm')).length).toBeGreaterThan(0);
  });
});
