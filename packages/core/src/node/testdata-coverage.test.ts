import { describe, expect, it } from 'vitest';
import { TESTDATA } from '../test-support/shared-data.js';
import { describeInputs } from './describe-inputs.js';
import { loadFoundImage } from './load-found-image.js';

/**
 * Every image file in the shared test data goes through the whole pipeline a user's folder would:
 * scan, describe, load. Files known to be malformed (PROVENANCE.md) must fail with a clear error; every
 * other image must load with voxels that agree with its summary.
 */
const EXPECTED_FAILURES: Record<string, string> = {
  'pydicom/badVR.dcm': 'INVALID_ATTRIBUTE',
  'pydicom/rtplan_truncated.dcm': 'TRUNCATED',
  'pydicom/meta_missing_tsyntax.dcm': 'MISSING_ATTRIBUTE',
};
const EXPECTED_LOAD_FAILURES: Record<string, string> = {
  // Its fragment holds the bytes of a Sequence Delimiter; OpenJPEG returns a 0×0 image for it.
  'pydicom/JPEG2000-embedded-sequence-delimiter.dcm': 'CODEC_FAILED',
  'pydicom-data/emri_small_jpeg_2k_lossless_too_short.dcm': 'TRUNCATED',
  // A header-only NIfTI pair whose .img is not in the shared data.
  'nibabel/nifti1.hdr': 'IO',
  'nibabel/nifti2.hdr': 'IO',
};

const relative = (path: string) => path.slice(TESTDATA.length + 1);

describe('the shared test data, end to end', async () => {
  const result = await describeInputs([TESTDATA]);

  it('reports exactly the malformed files, each with its reason', () => {
    const failures = Object.fromEntries(result.failed.map((e) => [relative(e.file ?? ''), e.code]));
    expect(failures).toEqual(EXPECTED_FAILURES);
    for (const e of result.failed) expect(e.message.length).toBeGreaterThan(e.file!.length + 10);
  });

  it('skips only files that are not images', () => {
    // no_meta.dcm starts mid-element (pydicom reads one element of it): not recognisably DICOM.
    for (const s of result.skipped.filter((f) => !f.file.endsWith('pydicom/no_meta.dcm')))
      expect(s.file).toMatch(/(LICENSE|COPYING|README|\.md|\.txt|\.json|\.nrrd|DICOMDIR[^/]*)$/);
  });

  it.each(result.images.map((i) => [relative(i.summary.path), i] as const))(
    'loads %s',
    async (path, found) => {
      const expected = EXPECTED_LOAD_FAILURES[path];
      if (expected) {
        await expect(loadFoundImage(found)).rejects.toMatchObject({ code: expected });
        return;
      }
      const image = await loadFoundImage(found);
      const s = found.summary;
      expect([...image.dims, ...(image.timepoints > 1 ? [image.timepoints] : [])]).toEqual(s.dims);
      expect(image.data.length).toBe(s.dims.reduce((a, b) => a * b, 1) * image.samplesPerPixel);
      expect(image.samplesPerPixel === 3 || image.dataType === s.dtype || s.dtype === 'int16').toBe(true);
      for (const v of image.data.subarray(0, 10_000)) expect(Number.isFinite(v)).toBe(true);
    },
  );
});
