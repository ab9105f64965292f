import { parseDicom } from '../dicom/parse-dicom.js';
import { listTestdata, readTestdata } from '../test-support/shared-data.js';

/**
 * The shared test data as the de-identification tests use it: every file core's reader accepts, and
 * those that de-identification refuses with the ImageReadError code that says why. Tests only.
 */
export const TEST_PROJECT_KEY = new TextEncoder().encode('voxelhub-test-project-key');

/** Files that are not de-identified, each with the ImageReadError code that says why. */
export const REFUSED_TESTDATA: Readonly<Record<string, string>> = {
  // Cut short inside its pixel data: a copy would be as broken, so it is refused.
  'pydicom-data/emri_small_jpeg_2k_lossless_too_short.dcm': 'TRUNCATED',
};

export function isDicomdir(file: string): boolean {
  return /DICOMDIR/.test(file);
}

/** The code with which de-identifying `file` fails, or undefined when it is de-identified. */
export function refusalOf(file: string): string | undefined {
  return isDicomdir(file) ? 'UNSUPPORTED_IMAGE' : REFUSED_TESTDATA[file];
}

function isDicom(bytes: Uint8Array): boolean {
  try {
    parseDicom(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Every DICOM file of the shared test data, as paths relative to it, in a stable order. */
export function dicomTestdataFiles(): string[] {
  return listTestdata()
    .filter((f) => !/\.(md|txt|json|nii|gz|nrrd|hdr|img|png|jpe?g)$|LICENSE|COPYING/.test(f))
    .filter((f) => isDicom(readTestdata(f)));
}
