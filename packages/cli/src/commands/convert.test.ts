import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ImageVolume, lpsAffine, reorient } from '@voxelhub/core';
import { readNiftiFile } from '@voxelhub/core/node';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { convertCommand } from './convert.js';

const TESTDATA = fileURLToPath(new URL('../../../../../shared/testdata/', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'voxelhub-convert-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Converts `input` into a fresh folder and returns the NIfTI files written, quietly. */
async function convert(input: string, extra: { uncompressed?: boolean } = {}): Promise<string[]> {
  const out = mkdtempSync(join(work, 'out-'));
  const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  try {
    expect(await convertCommand([input], { output: out, ...extra })).toBe(0);
  } finally {
    write.mockRestore();
  }
  return readdirSync(out)
    .filter((f) => /\.nii(\.gz)?$/.test(f))
    .map((f) => join(out, f));
}

/** Same voxels, and every voxel at the same place within 1e-3 mm, once both are in LPS order. */
function expectSameImage(oursRaw: ImageVolume, refRaw: ImageVolume): void {
  const ours = reorient(oursRaw, 'LPS');
  const ref = reorient(refRaw, 'LPS');
  expect([...ours.dims, ours.timepoints]).toEqual([...ref.dims, ref.timepoints]);
  const a = lpsAffine(ours);
  const b = lpsAffine(ref);
  a.forEach((v, i) => expect(Math.abs(v - b[i]!)).toBeLessThan(1e-3));
  expect(ours.data.length).toBe(ref.data.length);
  let differ = 0;
  for (let i = 0; i < ours.data.length; i++) if (ours.data[i] !== ref.data[i]) differ++;
  expect(differ).toBe(0);
}

describe('voxelhub convert against dcm2niix reference outputs', () => {
  // dcm_qa_ts: one Siemens mosaic in nine transfer syntaxes; Ref/N.nii is dcm2niix's output for In/N.dcm.
  it.each([1, 2, 3, 4, 5, 6, 7, 8, 9])('dcm_qa_ts/In/%i.dcm equals its Ref NIfTI', async (n) => {
    const [ours, ...more] = await convert(join(TESTDATA, `dcm_qa_ts/In/${n}.dcm`));
    expect(more).toEqual([]);
    expectSameImage(
      await readNiftiFile(ours!),
      await readNiftiFile(join(TESTDATA, `dcm_qa_ts/Ref/${n}.nii`)),
    );
  });

  it.each([
    ['20180918GE/mr_0004', 'DCM2NIIX_regression_test_4.nii'],
    ['20180918Si/mr_0003', 'EPI_PE=AP_3.nii'],
    ['20180918Si/mr_0004', 'EPI_PE=PA_4.nii'],
  ])('dcm_qa_nih/In/%s equals Ref/%s', async (input, ref) => {
    const [ours, ...more] = await convert(join(TESTDATA, 'dcm_qa_nih/In', input));
    expect(more).toEqual([]);
    expectSameImage(await readNiftiFile(ours!), await readNiftiFile(join(TESTDATA, 'dcm_qa_nih/Ref', ref)));
  });

  const dcm2niix = ['/usr/bin/dcm2niix'].find(existsSync);
  it.skipIf(!dcm2niix)('the Philips CT series equals what the installed dcm2niix writes', async () => {
    // The shared data has no reference NIfTI for dcm_qa_ct (PROVENANCE: upstream file too large), so
    // this runs Debian's dcm2niix on the same folder when it is installed (.ci/run installs it).
    const input = join(TESTDATA, 'dcm_qa_ct/In');
    const refOut = mkdtempSync(join(work, 'dcm2niix-'));
    execFileSync(dcm2niix!, ['-z', 'n', '-f', 'ref', '-o', refOut, input], { stdio: 'ignore' });
    const [ours] = await convert(input, { uncompressed: true });
    expect(ours).toMatch(/STD_BRAIN_5MM_201\.nii$/);
    expectSameImage(await readNiftiFile(ours!), await readNiftiFile(join(refOut, 'ref.nii')));
  });

  it('writes a JSON sidecar with modality, description, spacing and warnings', async () => {
    const [ours] = await convert(join(TESTDATA, 'dcm_qa_nih/In/20180918GE'));
    const sidecar = JSON.parse(readFileSync(ours!.replace(/\.nii\.gz$/, '.json'), 'utf8'));
    expect(sidecar).toMatchObject({
      Modality: 'MR',
      SeriesNumber: 4,
      Dimensions: [64, 64, 15, 10],
      VoxelSpacing: [3.75, 3.75, 5],
      RepetitionTime: 5,
      Warnings: [],
      ConversionSoftware: 'voxelhub',
    });
    expect(sidecar.SeriesDescription).toMatch(/Axial EPI-FMRI/);
  });
});
