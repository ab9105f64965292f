import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateSync } from 'node:zlib';
import { CONFIDENTIALITY_OPTIONS, decodeAllFrames, parseDicom } from '@voxelhub/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandHelp } from '../help.js';
import { main } from '../main.js';
import { type CapturedRun, capturedRun } from '../test-support/captured-run.js';
import { type DeidOptions, deidCommand } from './deid.js';
import { createKeyFile } from './deid-key.js';
import type { RunReportJson } from './deid-run-report.js';

const TESTDATA = fileURLToPath(new URL('../../../../../shared/testdata/', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'voxelhub-deid-cli-'));
const input = join(work, 'export');
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A folder like a PACS export: a patient-named folder, a DICOM file with no extension or preamble. */
const DICOM_INPUTS: Record<string, string> = {
  'DOE^JOHN/ct/CT_small.dcm': 'pydicom/CT_small.dcm',
  'DOE^JOHN/mr/MR_small.dcm': 'pydicom/MR_small.dcm',
  'DOE^JOHN/mr/JPEG2000.dcm': 'pydicom/JPEG2000.dcm',
  'DOE^JOHN/IM0001': 'pydicom/ExplVR_LitEndNoMeta.dcm',
  'fmri/slice1.dcm': 'dcm_qa_nih/In/20180918GE/mr_0004/axial_epi_fmri_interleaved_i_to_s-00001.dcm',
  'fmri/slice2.dcm': 'dcm_qa_nih/In/20180918GE/mr_0004/axial_epi_fmri_interleaved_i_to_s-00002.dcm',
};

function pngChunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const head = Buffer.alloc(4);
  head.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([head, body, crc]);
}

/** A 2×2 grey PNG carrying a patient's name in a tEXt chunk. */
function identifyingPng(): Buffer {
  const ihdr = Buffer.from([0, 0, 0, 2, 0, 0, 0, 2, 8, 0, 0, 0, 0]);
  const pixels = deflateSync(Buffer.from([0, 10, 20, 0, 30, 40]));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('tEXt', Buffer.from('Author\0DOE^JOHN', 'latin1')),
    pngChunk('IDAT', pixels),
    pngChunk('IEND', new Uint8Array(0)),
  ]);
}

beforeAll(() => {
  for (const [target, source] of Object.entries(DICOM_INPUTS)) {
    mkdirSync(dirname(join(input, target)), { recursive: true });
    copyFileSync(join(TESTDATA, source), join(input, target));
  }
  copyFileSync(join(TESTDATA, 'nibabel/example_nifti2.nii.gz'), join(input, 'DOE^JOHN/brain.nii.gz'));
  writeFileSync(join(input, 'DOE^JOHN/photo.png'), identifyingPng());
  writeFileSync(join(input, 'notes.txt'), 'not an image\n');
});

type Run = CapturedRun;

/** Runs the command with stdout and stderr captured. */
async function deid(paths: string[], options: DeidOptions): Promise<Run> {
  return capturedRun(() => deidCommand(paths, options));
}

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((f) => statSync(join(folder, f)).isFile())
    .sort();
}

const report = (folder: string): RunReportJson =>
  JSON.parse(readFileSync(join(folder, 'deid-report.json'), 'utf8'));

const uidsOf = (file: string) => {
  const { dataSet } = parseDicom(readFileSync(file));
  return ['x00080018', 'x0020000d', 'x0020000e'].map((tag) => dataSet.string(tag));
};

describe('voxelhub deid', () => {
  const keyFile = join(work, 'project.key');
  const first = join(work, 'out-1');
  let run: Run;
  beforeAll(async () => {
    run = await deid([input], { output: first, newKeyFile: keyFile });
  });

  it('writes a copy of every image and a report, skipping other files', () => {
    expect(run.stderr).toContain(`wrote a new project key to ${keyFile}`);
    expect(run.code).toBe(0);
    const r = report(first);
    expect(r.totals).toMatchObject({ files: 9, done: 8, skipped: 1, failed: 0, leaks: 0 });
    expect(r.files.map((f) => f.kind).sort()).toEqual([
      'dicom',
      'dicom',
      'dicom',
      'dicom',
      'dicom',
      'dicom',
      'nifti',
      null,
      'png',
    ]);
    for (const f of r.files) {
      expect(f.leaks).toEqual([]);
      if (f.status === 'done') expect(existsSync(join(first, f.output!))).toBe(true);
    }
    expect(filesUnder(first)).toHaveLength(9); // 8 copies and the report, no temp files
    expect(r.profile.tableE1_1Edition).toMatch(/^20\d\d[a-e]$/);
    expect(r.key).toMatchObject({ source: 'new-file', uidsReproducible: true });
    const patientName = r.attributes.filter((a) => a.tag === '00100010');
    expect(patientName).toContainEqual(
      expect.objectContaining({ name: "Patient's Name", applied: 'emptied', files: 5 }), // IM0001 has none
    );
    // Then every DICOM copy, IM0001's too, names its subject by pseudonym.
    expect(patientName).toContainEqual(expect.objectContaining({ applied: 'pseudonym', files: 6 }));
    expect(r.attributes.find((a) => a.name === 'PNG tEXt chunk')).toMatchObject({
      applied: 'removed',
      count: 1,
    });
  });

  it('prints a short summary with the counts, the key and the leak count', () => {
    expect(run.stdout).toMatch(/^9 files: 8 de-identified, 1 skipped, 0 failed into /);
    expect(run.stdout).toContain('UIDs reproducible with this key');
    expect(run.stdout).toContain('leaks:    none');
    expect(run.stdout).toMatch(/uid-replaced\s+\d+\s+6\s+00080018\s+SOP Instance UID/);
  });

  it('writes no original file or folder name, and no identifying value, into the output', () => {
    const names = filesUnder(first).join('\n');
    for (const original of [
      'DOE',
      'JOHN',
      'ct',
      'mr',
      'fmri',
      'slice',
      'IM0001',
      'brain',
      'photo',
      'CT_small',
    ])
      expect(names).not.toContain(original);
    const all = Buffer.concat(filesUnder(first).map((f) => readFileSync(join(first, f))));
    expect(all.includes('DOE^JOHN')).toBe(false);
    // The tree keeps its shape: the four DICOM files of DOE^JOHN share a pseudonymous folder.
    const dicom = report(first)
      .files.filter((f) => f.kind === 'dicom')
      .map((f) => f.output!);
    expect(new Set(dicom.map((o) => o.split('/')[0])).size).toBe(2);
    for (const o of dicom) expect(o).toMatch(/(^|\/)2\.25\.\d+\.dcm$/);
  });

  it('keeps the key private: 64 hex digits, readable by its owner only', () => {
    expect(readFileSync(keyFile, 'utf8').trim()).toMatch(/^[0-9a-f]{64}$/);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
  });

  it('writes DICOM copies that pydicom reads, marked as de-identified', () => {
    const dicom = report(first)
      .files.filter((f) => f.kind === 'dicom')
      .map((f) => join(first, f.output!));
    const script = `
import sys, pydicom
for p in sys.argv[1:]:
    ds = pydicom.dcmread(p)
    assert ds.PatientIdentityRemoved == 'YES', p
    assert str(ds.get('PatientName', '')) != 'DOE^JOHN', p
    print(ds.SOPInstanceUID)
`;
    const out = execFileSync('/usr/bin/python3', ['-c', script, ...dicom], { encoding: 'utf8' });
    expect(out.trim().split('\n')).toHaveLength(6);
  });

  it('gives the same names and UIDs with the same key, and other ones without it', async () => {
    const second = join(work, 'out-2');
    const again = await deid([input], { output: second, keyFile, progressEvery: 4 });
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('de-identifying: 8/9 files\n'); // no terminal: a line every 4 files
    expect(filesUnder(second)).toEqual(filesUnder(first));
    const dicom = report(first).files.filter((f) => f.kind === 'dicom');
    for (const f of dicom) expect(uidsOf(join(second, f.output!))).toEqual(uidsOf(join(first, f.output!)));

    const third = join(work, 'out-3');
    const unkeyed = await deid([input], { output: third });
    expect(unkeyed.code).toBe(0);
    expect(unkeyed.stdout).toContain('UIDs NOT reproducible');
    expect(report(third).key).toMatchObject({ source: 'random', uidsReproducible: false });
    expect(filesUnder(third).filter((f) => f.endsWith('.dcm'))).not.toEqual(
      filesUnder(first).filter((f) => f.endsWith('.dcm')),
    );
  });

  it('keeps relative paths with keepNames', async () => {
    const out = join(work, 'out-kept');
    expect((await deid([input], { output: out, keyFile, keepNames: true })).code).toBe(0);
    expect(filesUnder(out)).toEqual(
      [
        ...Object.keys(DICOM_INPUTS),
        'DOE^JOHN/brain.nii.gz',
        'DOE^JOHN/photo.png',
        'deid-report.json',
      ].sort(),
    );
    expect(report(out).files.find((f) => f.kind === 'png')).toMatchObject({ input: 'DOE^JOHN/photo.png' });
  });

  it('keeps a NIfTI .hdr/.img pair a pair under pseudonymous names', async () => {
    const pair = join(work, 'pair');
    mkdirSync(pair);
    copyFileSync(join(TESTDATA, 'nibabel/nifti1.hdr'), join(pair, 'doe_john.hdr'));
    writeFileSync(join(pair, 'doe_john.img'), new Uint8Array(64));
    const out = join(work, 'out-pair');
    expect((await deid([pair], { output: out, keyFile })).code).toBe(0);
    const [hdr, img] = ['nifti', 'nifti-image'].map(
      (kind) => report(out).files.find((f) => f.kind === kind)!.output!,
    );
    expect(hdr).toMatch(/^[0-9a-f]{12}\.hdr$/);
    expect(img).toBe(hdr!.replace(/\.hdr$/, '.img'));
    expect(readFileSync(join(out, img!))).toEqual(Buffer.alloc(64));
  });

  it('writes nothing in a dry run but the report asked for', async () => {
    const out = join(work, 'out-dry');
    const privateReport = join(work, 'dry-report.json');
    const dry = await deid([input], {
      output: out,
      dryRun: true,
      keyFile,
      report: privateReport,
      options: ['retainUIDs'],
    });
    expect(dry.code).toBe(0);
    expect(existsSync(out)).toBe(false);
    expect(dry.stdout).toMatch(/^9 files: 8 would be de-identified, 1 skipped, 0 failed \(dry run/);
    const r: RunReportJson = JSON.parse(readFileSync(privateReport, 'utf8'));
    expect(r.dryRun).toBe(true);
    expect(r.options).toEqual(['retainUIDs']);
    expect(r.files.filter((f) => f.status === 'would-write')).toHaveLength(8);
    expect(r.files.map((f) => (f as { input?: string }).input)).toContain('DOE^JOHN/IM0001');
  });

  it('writes the re-identification mapping only when asked, private, outside the copies', async () => {
    const out = join(work, 'out-mapping');
    const mappingFile = join(work, 'private', 'mapping.csv');
    const run = await deid([input], { output: out, keyFile, mapping: mappingFile });
    expect(run.code).toBe(0);
    expect(statSync(mappingFile).mode & 0o777).toBe(0o600);
    const [header, ...rows] = readFileSync(mappingFile, 'utf8').trim().split('\r\n');
    expect(header).toBe('pseudonym,patientId,patientName,issuerOfPatientId');
    expect(rows.length).toBeGreaterThan(0);
    // Each pseudonym is the one the copies carry as Patient ID, and the mapping names the original.
    const copies = filesUnder(out).filter((f) => f.endsWith('.dcm'));
    const carried = new Set(
      copies.map((f) => parseDicom(readFileSync(join(out, f))).dataSet.string('x00100020')),
    );
    for (const row of rows) expect(carried.has(row.split(',')[0])).toBe(true);
    expect(rows.some((row) => row.split(',')[1] !== '')).toBe(true); // original Patient IDs
    // A mapping inside the output would be shared with the copies.
    const inside = await deid([input], {
      output: join(work, 'out-mapping-2'),
      keyFile,
      mapping: join(work, 'out-mapping-2', 'm.csv'),
    });
    expect(inside.code).toBe(2);
  });

  it('refuses a non-empty output folder unless forced, and an output inside the input', async () => {
    const refused = await deid([input], { output: first, keyFile });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('is not empty (use --force');
    expect((await deid([input], { output: first, keyFile, force: true })).code).toBe(0);
    const inside = await deid([input], { output: join(input, 'deid') });
    expect(inside.code).toBe(2);
    expect(existsSync(join(input, 'deid'))).toBe(false);
  });

  it('rejects unknown options, a missing key file and a key file inside the output', async () => {
    const unknown = await deid([input], { output: join(work, 'x1'), options: ['retainNames'] });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(CONFIDENTIALITY_OPTIONS.join(', '));
    const missing = await deid([input], { output: join(work, 'x2'), keyFile: join(work, 'none.key') });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--new-key-file');
    const shared = await deid([input], { output: join(work, 'x3'), newKeyFile: join(work, 'x3', 'k.key') });
    expect(shared.code).toBe(2);
    expect(existsSync(join(work, 'x3'))).toBe(false);
  });

  it('reports a corrupt file by name and de-identifies the rest', async () => {
    const damaged = join(work, 'damaged');
    cpSync(input, damaged, { recursive: true });
    const corrupt = join(damaged, 'broken.dcm');
    writeFileSync(corrupt, readFileSync(join(TESTDATA, 'pydicom/CT_small.dcm')).subarray(0, 1500));
    const out = join(work, 'out-damaged');
    const result = await deid([damaged], { output: out, keyFile, keepNames: true });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`error: ${corrupt}:`);
    const r = report(out);
    expect(r.totals).toMatchObject({ done: 8, failed: 1 });
    expect(r.files.find((f) => f.status === 'failed')).toMatchObject({ input: 'broken.dcm', output: null });
    expect(existsSync(join(out, 'broken.dcm'))).toBe(false);
  });

  /**
   * Files whose copies dciodvfy finds new errors in, from core's de-identification (not this command):
   * reported to core's owner; remove an entry when core is fixed.
   */
  it.skipIf(!existsSync('/usr/bin/dciodvfy'))('adds no dciodvfy error to the files it copies', async () => {
    const errors = (file: string) =>
      new Set(
        execFileSync('sh', ['-c', 'dciodvfy "$1" 2>&1 || true', 'sh', file], { encoding: 'utf8' })
          .split('\n')
          .filter((l) => l.startsWith('Error'))
          // UIDs and dates are replaced: compare the messages, not the values they quote.
          .map((l) => l.replace(/<[\d.]+>/g, '<value>')),
      );
    const out = join(work, 'out-dciodvfy');
    expect((await deid([input], { output: out, keyFile, keepNames: true })).code).toBe(0);
    for (const file of Object.keys(DICOM_INPUTS)) {
      const before = errors(join(input, file));
      const added = [...errors(join(out, file))].filter((e) => !before.has(e));
      expect(added, file).toEqual([]);
    }
  });

  it('runs from the command line with repeated --option, and lists every option in its help', async () => {
    const help = commandHelp('deid').replace(/\s+/g, ' ');
    for (const option of CONFIDENTIALITY_OPTIONS) expect(help).toContain(option);
    expect((await capturedRun(() => main(['deid', input]))).code).toBe(2);
    const out = join(work, 'out-main');
    const args = ['deid', input, '-o', out, '--key-file', keyFile, '--keep-names'];
    const r = await capturedRun(() =>
      main([...args, '--option', 'retainUIDs', '--option', 'cleanDescriptors']),
    );
    expect(r.code).toBe(0);
    expect(report(out).options).toEqual(['retainUIDs', 'cleanDescriptors']);
    const sop = (file: string) => parseDicom(readFileSync(file)).dataSet.string('x00080018');
    expect(sop(join(out, 'DOE^JOHN/ct/CT_small.dcm'))).toBe(sop(join(input, 'DOE^JOHN/ct/CT_small.dcm')));
  });
});

describe('voxelhub deid and burned-in text', () => {
  const usInput = join(work, 'us-export');
  const keyFile = join(work, 'burned-in.key');
  const LOGIQ = 'GE/us.dcm'; // G.E. Medical Systems LOGIQ 700, 320x240 RGB, native
  const SONOSITE = 'sonosite/cine.dcm'; // SonoSite Turbo, 30-frame JPEG baseline cine
  const rulesFile = join(work, 'rules.json');
  const LOGIQ_BAND = { x: 0, y: 0, width: 320, height: 24 };

  beforeAll(async () => {
    for (const [target, source] of [
      [LOGIQ, 'pydicom/examples_rgb_color.dcm'],
      [SONOSITE, 'pydicom/examples_ybr_color.dcm'],
      ['ct/CT_small.dcm', 'pydicom/CT_small.dcm'],
    ] as const) {
      mkdirSync(dirname(join(usInput, target)), { recursive: true });
      copyFileSync(join(TESTDATA, source), join(usInput, target));
    }
    await createKeyFile(keyFile);
    writeFileSync(
      rulesFile,
      JSON.stringify([
        {
          name: 'GE LOGIQ header band',
          modality: 'US',
          manufacturer: 'G.E.',
          model: 'LOGIQ',
          blank: [LOGIQ_BAND],
        },
        { name: 'any ultrasound', modality: 'US' },
      ]),
    );
  });

  const entry = (r: RunReportJson, input: string) =>
    r.files.find((f) => (f as { input?: string }).input === input)!;
  const pixels = async (file: string) => {
    const { dataSet, transferSyntaxUID } = parseDicom(readFileSync(file));
    return (await decodeAllFrames(dataSet, transferSyntaxUID)).pixels;
  };

  it('flags ultrasound with the default rules, writes it unchanged and says it needs review', async () => {
    const out = join(work, 'out-us-default');
    const run = await deid([usInput], { output: out, keyFile, keepNames: true });
    expect(run.code).toBe(0);
    const r = report(out);
    expect(r.burnedInRules).toMatchObject({ source: 'default' });
    expect(r.totals.burnedIn).toEqual({ flagged: 2, blanked: 0, needsReview: 2 });
    expect(entry(r, LOGIQ).burnedIn).toEqual({
      reasons: ["rule 'Ultrasound (screen with header band)' matched"],
      blanked: [],
      status: 'needs review',
    });
    expect(entry(r, 'ct/CT_small.dcm').burnedIn).toBeUndefined();
    expect(await pixels(join(out, LOGIQ))).toEqual(await pixels(join(usInput, LOGIQ)));
    expect(run.stdout).toContain('burned-in: 2 flagged (default rules): 0 blanked, 2 need review');
    expect(run.stdout).toMatch(/GE\/us\.dcm: NEEDS REVIEW \(rule 'Ultrasound/);
  });

  it('blanks the rectangles of the rules that match before de-identifying', async () => {
    const out = join(work, 'out-us-rules');
    const run = await deid([usInput], { output: out, keyFile, keepNames: true, burnedInRules: rulesFile });
    expect(run.code).toBe(0);
    const r = report(out);
    expect(r.burnedInRules).toEqual({ source: rulesFile, count: 2 });
    expect(r.totals.burnedIn).toEqual({ flagged: 2, blanked: 1, needsReview: 1 });
    expect(entry(r, LOGIQ).burnedIn).toEqual({
      reasons: ["rule 'GE LOGIQ header band' matched", "rule 'any ultrasound' matched"],
      blanked: [LOGIQ_BAND],
      status: 'blanked',
    });
    expect(entry(r, SONOSITE).burnedIn?.status).toBe('needs review');
    expect(run.stdout).toContain('burned-in: 2 flagged (rules from');
    expect(run.stdout).toContain('GE/us.dcm: blanked 1 rectangle(s)');
    // The band is black in every sample, the rest as it was (RGB, 320 columns).
    const before = await pixels(join(usInput, LOGIQ));
    const after = await pixels(join(out, LOGIQ));
    const bandSamples = 24 * 320 * 3;
    expect(after.subarray(0, bandSamples).every((v) => v === 0)).toBe(true);
    expect(before.subarray(0, bandSamples).some((v) => v !== 0)).toBe(true);
    expect(after.subarray(bandSamples)).toEqual(before.subarray(bandSamples));
    // De-identification still ran on the blanked copy.
    expect(parseDicom(readFileSync(join(out, LOGIQ))).dataSet.string('x00120062')).toBe('YES');
  });

  it.skipIf(!existsSync('/usr/bin/python3'))('writes a blanked copy pydicom reads the same way', () => {
    const script = `
import sys, pydicom, numpy as np
before = pydicom.dcmread(sys.argv[1]).pixel_array
after = pydicom.dcmread(sys.argv[2]).pixel_array
assert (after[:24] == 0).all() and (after[24:] == before[24:]).all()
print('ok')
`;
    const out = join(work, 'out-us-rules');
    const result = execFileSync('/usr/bin/python3', ['-c', script, join(usInput, LOGIQ), join(out, LOGIQ)], {
      encoding: 'utf8',
    });
    expect(result.trim()).toBe('ok');
  });

  it('refuses a rule file that is missing, not JSON or not valid rules, naming it', async () => {
    const notJson = join(work, 'rules-not-json.json');
    writeFileSync(notJson, '[{name: "x"');
    const invalid = join(work, 'rules-invalid.json');
    writeFileSync(
      invalid,
      JSON.stringify([{ name: 'band', modality: 'US', blank: [{ x: 0, y: 0, width: -5, height: 3 }] }]),
    );
    for (const [file, message] of [
      [join(work, 'no-such-rules.json'), 'cannot read the burned-in rule file'],
      [notJson, 'is not JSON'],
      [invalid, 'is not valid: 0.blank.0.width'],
    ] as const) {
      const run = await deid([usInput], { output: join(work, 'out-never'), keyFile, burnedInRules: file });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(file);
      expect(run.stderr).toContain(message);
    }
    expect(existsSync(join(work, 'out-never'))).toBe(false);
  });

  it('takes --burned-in-rules on the command line and lists it in the help', async () => {
    expect(commandHelp('deid')).toContain('--burned-in-rules');
    const out = join(work, 'out-us-main');
    const args = ['deid', usInput, '-o', out, '--key-file', keyFile, '--burned-in-rules', rulesFile];
    expect((await capturedRun(() => main(args))).code).toBe(0);
    expect(report(out).totals.burnedIn).toEqual({ flagged: 2, blanked: 1, needsReview: 1 });
  });
});
