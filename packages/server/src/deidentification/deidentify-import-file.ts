import {
  assessBurnedInPart10,
  blankRegionsPart10,
  DeidReport,
  deidentifyPart10,
  leakList,
  type SubjectMapping,
  scrubJpeg,
  scrubNifti,
  scrubPng,
} from '@voxelhub/core';
import { classifyFile } from '@voxelhub/core/node';
import { ImportError } from '../import/import-error.js';
import type { ImportFileInput } from '../import/read-import-file.js';
import type { ImportPrivacy } from './import-privacy.js';

export interface BlankedRegion {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** A file ready to store: de-identified, with the identities it replaced and whether it must be reviewed. */
export interface DeidentifiedImport {
  readonly file: ImportFileInput;
  /** Original identity -> pseudonym; goes to the vault, never to the database. */
  readonly subjects: readonly SubjectMapping[];
  /** Set when the image may show burned-in text: it waits for a person's review. */
  readonly held?: { readonly reasons: readonly string[]; readonly blanked: readonly BlankedRegion[] };
}

/**
 * De-identifies one file as a project requires before anything of it is stored: DICOM by the PS3.15
 * Basic Profile with the project's options and key (burned-in text assessed on the original header,
 * since the profile removes the manufacturer and model the rules look at, and configured regions
 * blanked), NIfTI/PNG/JPEG by removing their text. The DICOM result is checked with the leak list, as the
 * CLI does: a file whose output still holds an original identifying value is refused, not stored.
 */
export async function deidentifyImportFile(
  file: ImportFileInput,
  privacy: ImportPrivacy,
): Promise<DeidentifiedImport> {
  const format = classifyFile(file.name, file.bytes.subarray(0, 1024));
  switch (format) {
    case 'dicom':
      return deidentifyDicom(file, privacy);
    case 'nifti':
      return { file: { ...file, bytes: scrubNifti(file.bytes).bytes }, subjects: [] };
    case 'png':
      return { file: { ...file, bytes: scrubPng(file.bytes).bytes }, subjects: [] };
    case 'jpeg':
      return { file: { ...file, bytes: scrubJpeg(file.bytes).bytes }, subjects: [] };
    default:
      // Not an image: the reader refuses it with its usual message; nothing of it is stored.
      return { file, subjects: [] };
  }
}

async function deidentifyDicom(file: ImportFileInput, privacy: ImportPrivacy): Promise<DeidentifiedImport> {
  const burnedIn = assessBurnedInPart10(file.bytes, privacy.burnedInRules, file.name);
  const pixels =
    burnedIn.regions.length > 0
      ? await blankRegionsPart10(file.bytes, burnedIn.regions, file.name)
      : file.bytes;
  const report = new DeidReport();
  const bytes = await deidentifyPart10(pixels, {
    key: privacy.key,
    options: privacy.options,
    report,
    file: file.name,
  });
  const leaks = leakList(file.bytes, bytes, privacy.options);
  if (leaks.length > 0)
    throw new ImportError(
      'DEIDENTIFICATION_INCOMPLETE',
      `${file.name}: after de-identification ${leaks.length} attribute(s) still hold an original value (${leaks
        .slice(0, 5)
        .map((leak) => `${leak.path} ${leak.name}`)
        .join(', ')}); the file was not stored`,
    );
  return {
    file: { name: file.name, bytes },
    subjects: report.subjects(),
    ...(burnedIn.flagged ? { held: { reasons: burnedIn.reasons, blanked: burnedIn.regions } } : {}),
  };
}
