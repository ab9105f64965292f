import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDicom } from '../dicom/parse-dicom.js';
import { readTestdata, testdataPath } from '../test-support/shared-data.js';
import { deidentifyPart10 } from './deidentify-part10.js';
import { dicomTestdataFiles, refusalOf, TEST_PROJECT_KEY } from './testdata-deid-fixture.js';

/**
 * Issue point 8: de-identified copies are valid DICOM on which dciodvfy (Debian's dicom3tools) reports no
 * error that the input did not already have. Every de-identifiable file of the shared test data is
 * de-identified with the default options and both are checked; each error new in the copy must be a
 * known gap listed below, with the reason.
 */
const DCIODVFY = '/usr/bin/dciodvfy';
const HAS_DCIODVFY = existsSync(DCIODVFY);
if (!HAS_DCIODVFY) console.warn(`skipped: ${DCIODVFY} is not installed (Debian package dicom3tools)`);

interface KnownGap {
  /** The attribute whose de-identification causes the errors, and how. */
  readonly cause: string;
  /** The normalised dciodvfy lines it adds. */
  readonly errors: readonly string[];
}

/**
 * Errors the copies add that de-identification itself causes (deidentify-dataset.ts), each named by the
 * attribute responsible, so the test stays green while the gaps stay in sight. A gap that no longer occurs
 * fails the last test, so that it is taken off this list.
 */
// None now: the last ones (Referenced Performed Procedure Step and Referenced Study Sequence emptied,
// Content and Verifying Observer Sequence as empty items) were fixed in deidentify-dataset.ts.
const KNOWN_GAPS: readonly KnownGap[] = [];
const KNOWN_GAP_ERRORS = new Set(KNOWN_GAPS.flatMap((g) => g.errors));

// Two processes per core keep the two-core CI machine busy while one waits on its pipe.
const POOL_SIZE = 4;

/**
 * dciodvfy's "Error -" lines, with the values de-identification legitimately changes replaced by
 * placeholders: UIDs (mapped to new ones) and element values (dates emptied, text replaced).
 */
function normaliseErrors(report: string): string[] {
  const lines = report
    .split('\n')
    .filter((l) => l.startsWith('Error - '))
    .map((l) =>
      l
        .replace(/\[(\d+)\] = <.*?> - /, '[$1] = <value> - ')
        .replace(/"[0-9.]+"/g, '"<UID>"')
        .replace(/<[0-9.]+>/g, '<UID>')
        .replace(/(ReferencedSOPInstanceUID) \S+/g, '$1 <UID>')
        .trim(),
    );
  return [...new Set(lines)].sort();
}

function dciodvfy(path: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    // dciodvfy reports on stderr and exits non-zero when it finds errors. It aborts on a few malformed
    // files (an assertion in its reader): that counts as one error of the file, which its copy may share.
    execFile(DCIODVFY, [path], { timeout: 30_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error?.killed || typeof error?.code === 'string') {
        reject(new Error(`dciodvfy ${path}: ${error.message}`));
        return;
      }
      const aborted = error?.signal ? `\nError - dciodvfy ended by ${error.signal}` : '';
      resolve(normaliseErrors(`${stdout}\n${stderr}${aborted}`));
    });
  });
}

/** Runs `task` on every item with at most `size` running at once, results in the items' order. */
async function inPool<T, R>(items: readonly T[], size: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
  return results;
}

interface Verification {
  readonly input: string[];
  readonly output: string[];
}

const DCMCONV = '/usr/bin/dcmconv';
const DEFLATED = '1.2.840.10008.1.2.1.99';

function isDeflated(file: string): boolean {
  return parseDicom(readTestdata(file), { untilPixelData: true }).transferSyntaxUID === DEFLATED;
}

/**
 * The path dciodvfy checks for an input. dciodvfy cannot read the Deflated transfer syntax, which the
 * copies do not keep (they are written inflated): such an input is checked as DCMTK's dcmconv re-encodes
 * it in Explicit VR Little Endian.
 */
function checkableInput(file: string, dir: string): string {
  if (!isDeflated(file)) return testdataPath(file);
  const inflated = join(dir, `input__${file.replaceAll('/', '__')}`);
  execFileSync(DCMCONV, ['+te', testdataPath(file), inflated]);
  return inflated;
}

const deidentified = HAS_DCIODVFY ? dicomTestdataFiles().filter((f) => !refusalOf(f)) : [];
const files = existsSync(DCMCONV) ? deidentified : deidentified.filter((f) => !isDeflated(f));
if (files.length < deidentified.length) console.warn(`deflated files skipped: ${DCMCONV} is not installed`);
const verified = new Map<string, Verification>();
const outDir = mkdtempSync(join(tmpdir(), 'voxelhub-dciodvfy-'));

describe.skipIf(!HAS_DCIODVFY)('dciodvfy on de-identified copies of the shared test data', () => {
  beforeAll(async () => {
    const outputs: string[] = [];
    for (const file of files) {
      const output = join(outDir, file.replaceAll('/', '__'));
      writeFileSync(output, await deidentifyPart10(readTestdata(file), { key: TEST_PROJECT_KEY, file }));
      outputs.push(output);
    }
    const paths = files.flatMap((file, i) => [checkableInput(file, outDir), outputs[i] as string]);
    const reports = await inPool(paths, POOL_SIZE, dciodvfy);
    files.forEach((file, i) => {
      verified.set(file, { input: reports[2 * i] ?? [], output: reports[2 * i + 1] ?? [] });
    });
  }, 120_000);

  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('checks every de-identifiable DICOM file', () => {
    expect(files.length).toBeGreaterThan(150);
    expect(verified.size).toBe(files.length);
  });

  it('compares error lines without the values de-identification changes', () => {
    const report = [
      'CTImage',
      'Error - StudyInstanceUID has same value as FrameOfReferenceUID <1.2.333.4444.5.6.7.8.9>',
      "Warning - Value is zero for value 1 of attribute <Patient's Weight>",
      "Error - Value invalid for this VR - (0x0008,0x0020) DA Study Date  DA [1] = <1997.04.24> - Character invalid for this VR = '.' (0x2e)",
      'Error - Illegal root for UID - "9.8.7.6" in (0x0008,0x1155) Referenced SOP Instance UID',
      'Error - Referenced SOP Instance is not listed in CurrentRequestedProcedureEvidenceSequence or PertinentOtherEvidenceSequence but have IMAGE ReferencedSOPInstanceUID 0',
    ].join('\n');
    expect(normaliseErrors(report)).toEqual([
      'Error - Illegal root for UID - "<UID>" in (0x0008,0x1155) Referenced SOP Instance UID',
      'Error - Referenced SOP Instance is not listed in CurrentRequestedProcedureEvidenceSequence or PertinentOtherEvidenceSequence but have IMAGE ReferencedSOPInstanceUID <UID>',
      'Error - StudyInstanceUID has same value as FrameOfReferenceUID <UID>',
      "Error - Value invalid for this VR - (0x0008,0x0020) DA Study Date  DA [1] = <value> - Character invalid for this VR = '.' (0x2e)",
    ]);
  });

  it.each(files)('adds no dciodvfy error to %s', (file) => {
    const { input, output } = verified.get(file) as Verification;
    const added = output.filter((e) => !input.includes(e) && !KNOWN_GAP_ERRORS.has(e));
    expect(added).toEqual([]);
  });

  it('lists only gaps that still occur', () => {
    const added = new Set(
      [...verified.values()].flatMap(({ input, output }) => output.filter((e) => !input.includes(e))),
    );
    const gone = KNOWN_GAPS.filter((gap) => !gap.errors.some((e) => added.has(e))).map((gap) => gap.cause);
    expect(gone).toEqual([]);
  });
});
