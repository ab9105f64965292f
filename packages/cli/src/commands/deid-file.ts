import { existsSync, readFileSync } from 'node:fs';
import {
  type AttributeReportEntry,
  type BurnedInRule,
  type ConfidentialityOption,
  DeidReport,
  deidentifyPart10,
  type Leak,
  leakList,
  parseDicom,
  type SubjectMapping,
  scrubJpeg,
  scrubNifti,
  scrubPng,
} from '@voxelhub/core';
import { classifyFile } from '@voxelhub/core/node';
import { type BurnedInOutcome, withBurnedInTextBlanked } from './deid-burned-in.js';

/** The kinds of file `voxelhub deid` writes a copy of. 'nifti-image': the voxels of a .hdr/.img pair. */
export type DeidFileKind = 'dicom' | 'nifti' | 'nifti-image' | 'png' | 'jpeg';

export interface DeidentifiedFile {
  readonly kind: DeidFileKind;
  readonly bytes: Uint8Array;
  /** Core's report: per-attribute entries for DICOM, what was scrubbed for the other kinds. */
  readonly report: readonly AttributeReportEntry[] | object;
  /** Must be empty: identifying values still in the copy (see leakList), or text a second scrub finds. */
  readonly leaks: readonly Leak[];
  /** The copy's SOP Instance UID (DICOM), which names the output file. */
  readonly sopInstanceUid?: string;
  /** DICOM flagged for burned-in text: why, and what was blanked. */
  readonly burnedIn?: BurnedInOutcome;
  /** DICOM: the original identity and the pseudonym that replaced it (for --mapping only). */
  readonly subjects?: readonly SubjectMapping[];
}

export interface DeidSettings {
  readonly key: Uint8Array;
  readonly options: readonly ConfidentialityOption[];
  /** Rules that flag DICOM images for burned-in text and say what to blank; none: no check. */
  readonly burnedInRules?: readonly BurnedInRule[];
}

/** Why a file gets no copy: it is none of the kinds above. */
export class NotDeidentifiable extends Error {}

const SOP_INSTANCE_UID = 'x00080018';

async function dicomCopy(bytes: Uint8Array, settings: DeidSettings, file: string): Promise<DeidentifiedFile> {
  const report = new DeidReport();
  // Pixels first: blanking may rewrite Pixel Data and the transfer syntax, de-identification the rest.
  const { burnedInRules = [], ...profile } = settings;
  const { burnedIn, bytes: pixelsDone } = await withBurnedInTextBlanked(bytes, burnedInRules, file);
  const output = await deidentifyPart10(pixelsDone, { ...profile, report, file });
  const sopInstanceUid = parseDicom(output).dataSet.string(SOP_INSTANCE_UID)?.trim() || undefined;
  return {
    kind: 'dicom',
    bytes: output,
    report: report.list(),
    leaks: leakList(bytes, output, settings.options),
    ...(sopInstanceUid ? { sopInstanceUid } : {}),
    ...(burnedIn ? { burnedIn } : {}),
    subjects: report.subjects(),
  };
}

/**
 * The scrubbers are idempotent, so a second pass that changes the bytes means the first left something:
 * that is these kinds' leak list.
 */
function scrubbed(
  kind: DeidFileKind,
  scrub: (bytes: Uint8Array) => { bytes: Uint8Array; report: object },
  bytes: Uint8Array,
): DeidentifiedFile {
  const first = scrub(bytes);
  const again = scrub(first.bytes).bytes;
  const clean = Buffer.from(again).equals(Buffer.from(first.bytes));
  const leaks = clean ? [] : [{ path: '(file)', name: 'content a second scrub removes', value: '' }];
  return { kind, bytes: first.bytes, report: first.report, leaks };
}

/** The .img of a NIfTI .hdr/.img pair holds voxels only; its .hdr beside it says so. */
function isNiftiPairImage(path: string): boolean {
  if (!/\.img$/i.test(path)) return false;
  const header = path.replace(/\.img$/i, (ext) => (ext === '.IMG' ? '.HDR' : '.hdr'));
  return existsSync(header) && classifyFile(header, readFileSync(header).subarray(0, 352)) === 'nifti-header';
}

/**
 * A de-identified copy of one file's bytes, by the kind its first bytes show (DICOM without a .dcm
 * name or a preamble too). Throws NotDeidentifiable for other files, ImageReadError for broken ones.
 */
export async function deidentifyFile(
  path: string,
  bytes: Uint8Array,
  settings: DeidSettings,
): Promise<DeidentifiedFile> {
  const format = classifyFile(path, bytes.subarray(0, 512));
  switch (format) {
    case 'dicom':
      return dicomCopy(bytes, settings, path);
    case 'nifti':
    case 'nifti-header':
      return scrubbed('nifti', scrubNifti, bytes);
    case 'png':
      return scrubbed('png', scrubPng, bytes);
    case 'jpeg':
      return scrubbed('jpeg', scrubJpeg, bytes);
    default:
      if (isNiftiPairImage(path))
        return { kind: 'nifti-image', bytes, report: { copied: 'voxels only, no text' }, leaks: [] };
      throw new NotDeidentifiable('not DICOM, NIfTI, PNG or JPEG');
  }
}
