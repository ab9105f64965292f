import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ConfidentialityOption } from './confidentiality-option.js';
import { type DicomDatasetJson, type Part10Dataset, writePart10Dataset } from './dcmjs-dataset.js';
import { DeidReport } from './deid-report.js';
import { deidentifyDataset } from './deidentify-dataset.js';
import { leakList } from './leak-list.js';
import {
  VOXELHUB_IMPLEMENTATION_CLASS_UID,
  VOXELHUB_IMPLEMENTATION_VERSION_NAME,
} from './voxelhub-implementation.js';

const KEY = new TextEncoder().encode('project-key-one');
const UID_2_25 = /^2\.25\.(0|[1-9]\d*)$/;

const text = (vr: string, ...Value: unknown[]) => ({ vr, Value });
const item = (dataset: DicomDatasetJson) => dataset;

/** A CT instance full of identifying values, nested ones and private ones included. */
function syntheticInstance(
  sopInstanceUid: string,
  patientId = 'PID-0042',
  referenced = '1.2.826.0.1.99.5.0',
) {
  const dict: DicomDatasetJson = {
    '00080016': text('UI', '1.2.840.10008.5.1.4.1.1.2'),
    '00080018': text('UI', sopInstanceUid),
    '00080020': text('DA', '20200315'),
    '00080021': text('DA', '20200316'),
    '00080030': text('TM', '101500'),
    '00080050': text('SH', 'ACC123'),
    '00080060': text('CS', 'CT'),
    '00080080': text('LO', 'St Elsewhere Hospital'),
    '00080081': text('ST', '1 Main Street, Springfield'),
    '00080090': text('PN', { Alphabetic: 'Welby^Marcus' }),
    '00081030': text('LO', 'CT head of Jane Roe'),
    '00081140': text(
      'SQ',
      item({ '00081150': text('UI', '1.2.840.10008.5.1.4.1.1.2'), '00081155': text('UI', referenced) }),
    ),
    '00090010': text('LO', 'ACME 1.0'),
    '00091001': text('LO', 'Roe^Jane secret'),
    '00100010': text('PN', { Alphabetic: 'Roe^Jane' }),
    '00100020': text('LO', patientId),
    '00100030': text('DA', '19700101'),
    '00100040': text('CS', 'F'),
    '00101040': text('LO', '12 Elm Road'),
    '00181000': text('LO', 'SN-998877'),
    '0020000D': text('UI', '1.2.826.0.1.99'),
    '0020000E': text('UI', '1.2.826.0.1.99.5'),
    '00200052': text('UI', '1.2.826.0.1.99.7'),
    '00204000': text('LT', 'Jane Roe, seen by Welby'),
    '00280002': text('US', 1),
    '00280004': text('CS', 'MONOCHROME2'),
    '00280010': text('US', 2),
    '00280011': text('US', 2),
    '00280100': text('US', 16),
    '00280101': text('US', 16),
    '00280102': text('US', 15),
    '00280103': text('US', 0),
    // Request Attributes Sequence: X in Table E.1-1.
    '00400275': text(
      'SQ',
      item({ '00321060': text('LO', 'Head CT for Jane Roe'), '00401001': text('SH', 'RP77') }),
    ),
    // Not in Table E.1-1: kept, but the profile applies inside it.
    '52009229': text(
      'SQ',
      item({
        '00080050': text('SH', 'ACC123'),
        '00100010': text('PN', { Alphabetic: 'Roe^Jane' }),
        '00189074': text('DT', '20200315101500'),
        '0020000D': text('UI', '1.2.826.0.1.99'),
        '00200052': text('UI', '1.2.826.0.1.99.7'),
        '00330010': text('LO', 'OTHER VENDOR'),
      }),
    ),
    '7FE00010': text('OW', new Uint16Array([1, 2, 3, 4]).buffer),
  };
  const meta: DicomDatasetJson = {
    '00020001': text('OB', new Uint8Array([0, 1]).buffer),
    '00020002': text('UI', '1.2.840.10008.5.1.4.1.1.2'),
    '00020003': text('UI', sopInstanceUid),
    '00020010': text('UI', '1.2.840.10008.1.2.1'),
    '00020012': text('UI', '2.25.1'),
  };
  return { meta, dict } satisfies Part10Dataset;
}

const firstItem = (ds: DicomDatasetJson, tag: string) =>
  ((ds[tag]?.Value ?? []) as DicomDatasetJson[])[0] ?? {};
const value = (ds: DicomDatasetJson, tag: string) => ds[tag]?.Value?.[0];
const deid = (input: Part10Dataset, options: ConfidentialityOption[] = [], key = KEY, report?: DeidReport) =>
  deidentifyDataset(input, { key, options, ...(report ? { report } : {}) });

describe('deidentifyDataset: the Basic Profile', () => {
  it('empties, replaces or removes every identifying value, nested and private ones too', async () => {
    const report = new DeidReport();
    const out = (await deid(syntheticInstance('1.2.826.0.1.99.5.1'), [], KEY, report)).dict;
    // Patient ID and Name carry the subject's keyed pseudonym, the same for both.
    expect(value(out, '00100020')).toMatch(/^VXH-[0-9A-HJKMNP-TV-Z]{10}$/);
    expect(out['00100010']?.Value).toEqual([{ Alphabetic: value(out, '00100020') }]);
    expect(report.subjects()).toEqual([
      {
        pseudonym: value(out, '00100020'),
        patientId: 'PID-0042',
        patientName: 'Roe^Jane',
        issuerOfPatientId: '',
      },
    ]);
    expect(value(out, '00080080')).toBe('ANONYMIZED'); // X/Z/D
    expect(out['00080081']).toBeUndefined(); // X
    expect(out['00204000']).toBeUndefined(); // X
    expect(out['00091001']).toBeUndefined();
    expect(out['00090010']).toBeUndefined();
    expect(out['00100030']?.Value).toEqual([]);
    expect(out['00181000']?.Value).toEqual(['ANONYMIZED']);
    expect(value(out, '00080060')).toBe('CT'); // not in the table
    expect(value(out, '00080016')).toBe('1.2.840.10008.5.1.4.1.1.2');
    expect(out['00400275']).toBeUndefined(); // Request Attributes Sequence: X
    const nested = firstItem(out, '52009229'); // not in the table: kept, the profile applies inside
    expect(nested['00080050']?.Value).toEqual([]);
    expect(nested['00100010']?.Value).toEqual([]);
    expect(value(nested, '0020000D')).toBe(value(out, '0020000D'));
    expect(nested['00330010']).toBeUndefined();
    for (const tag of ['00080018', '0020000D', '0020000E', '00200052'])
      expect(value(out, tag)).toMatch(UID_2_25);
    expect(report.list()).toContainEqual({
      tag: '00100010',
      name: "Patient's Name",
      action: 'Z',
      applied: 'emptied',
      count: 2, // top level (before the pseudonym replaced it) and nested
    });
    expect(report.list().find((e) => e.tag === '0020000D')).toMatchObject({
      applied: 'uid-replaced',
      count: 2,
    });
    expect(
      report
        .list()
        .filter((e) => e.name === 'Private Attributes')
        .map((e) => e.tag),
    ).toEqual(['00090010', '00091001', '00330010']);
  });

  it('marks the dataset de-identified with the CID 7050 codes of the options used', async () => {
    const out = (await deid(syntheticInstance('1.2.3'), ['retainUIDs', 'cleanDescriptors'])).dict;
    expect(value(out, '00120062')).toBe('YES');
    const codes = ((out['00120064']?.Value ?? []) as DicomDatasetJson[]).map((c) => value(c, '00080100'));
    expect(codes).toEqual(['113100', '113105', '113110']);
    expect(out['00120063']?.Value).toEqual([
      'Voxelhub PS3.15 E.1 Basic Profile',
      'cleanDescriptors',
      'retainUIDs',
    ]);
    expect(value(out, '00280303')).toBe('REMOVED');
  });

  it('keeps a reference sequence with its UIDs replaced, and empties other sequences whose action offers Z', async () => {
    const input = syntheticInstance('1.2.826.0.1.99.5.1');
    const reference = item({
      '00081150': text('UI', '1.2.840.10008.3.1.2.3.3'),
      '00081155': text('UI', '1.2.826.0.1.99.9'),
    });
    input.dict['00081111'] = text('SQ', reference); // Referenced Performed Procedure Step Sequence: X/Z/D
    input.dict['00080082'] = text('SQ', item({ '00080100': text('SH', 'HOSP1') })); // Institution Code Sequence: X/Z/D
    const report = new DeidReport();
    const out = (await deid(input, [], KEY, report)).dict;
    // Referenced Performed Procedure Step: only UIDs, so one item, the reference remapped like all UIDs.
    const kept = firstItem(out, '00081111');
    expect(value(kept, '00081150')).toBe('1.2.840.10008.3.1.2.3.3');
    expect(value(kept, '00081155')).toMatch(UID_2_25);
    expect(value(kept, '00081155')).not.toBe('1.2.826.0.1.99.9');
    expect(report.list().find((e) => e.tag === '00081111')).toMatchObject({
      action: 'X/Z/D',
      applied: 'uid-replaced',
    });
    // Institution Code Sequence holds a code, which could name the hospital: emptied (Z).
    expect(out['00080082']).toEqual({ vr: 'SQ', Value: [] });
  });

  it('names Voxelhub as the implementation that wrote the File Meta, and keeps none of the original AE titles', async () => {
    const input = syntheticInstance('1.2.826.0.1.99.5.1');
    input.meta['00020013'] = text('SH', 'OTHER_1');
    input.meta['00020016'] = text('AE', 'HOSPITAL_PACS');
    const meta = (await deid(input)).meta;
    expect(value(meta, '00020012')).toBe(VOXELHUB_IMPLEMENTATION_CLASS_UID);
    expect(value(meta, '00020013')).toBe(VOXELHUB_IMPLEMENTATION_VERSION_NAME);
    expect(meta['00020016']).toBeUndefined();
    expect(Object.keys(meta).sort()).toEqual([
      '00020001',
      '00020002',
      '00020003',
      '00020010',
      '00020012',
      '00020013',
    ]);
  });

  it('writes a file with an empty leak list that pydicom reads', async () => {
    const input = writePart10Dataset(syntheticInstance('1.2.826.0.1.99.5.1'));
    const output = writePart10Dataset(await deid(syntheticInstance('1.2.826.0.1.99.5.1')));
    expect(leakList(input, input).map((l) => l.name)).toEqual(
      expect.arrayContaining([
        "Patient's Name",
        'Private Attributes',
        'Institution Name',
        'Accession Number',
      ]),
    );
    expect(leakList(input, output)).toEqual([]);
    const file = join(mkdtempSync(join(tmpdir(), 'voxelhub-deid-')), 'out.dcm');
    writeFileSync(file, output);
    const read = execFileSync(
      '/usr/bin/python3',
      [
        '-c',
        'import sys, pydicom; ds = pydicom.dcmread(sys.argv[1]); ' +
          'print(ds.PatientIdentityRemoved, str(ds.PatientName) == ds.PatientID, ds.file_meta.MediaStorageSOPInstanceUID == ds.SOPInstanceUID, ' +
          'ds.SharedFunctionalGroupsSequence[0].StudyInstanceUID == ds.StudyInstanceUID, list(ds.pixel_array.ravel()))',
        file,
      ],
      { encoding: 'utf8' },
    );
    // Patient's Name carries the pseudonym that replaced the Patient ID.
    expect(read.trim()).toBe('YES True True True [1, 2, 3, 4]');
  });
});

describe('deidentifyDataset: UIDs', () => {
  it('maps a UID the same way in every run, in every object and at every depth', async () => {
    const a = await deid(syntheticInstance('1.2.826.0.1.99.5.0'));
    const b = await deid(syntheticInstance('1.2.826.0.1.99.5.1'));
    const again = await deid(syntheticInstance('1.2.826.0.1.99.5.0'));
    expect(value(again.dict, '00080018')).toBe(value(a.dict, '00080018'));
    expect(value(a.meta, '00020003')).toBe(value(a.dict, '00080018'));
    const reference = firstItem(b.dict, '00081140');
    expect(value(reference, '00081155')).toBe(value(a.dict, '00080018'));
    expect(value(reference, '00081150')).toBe('1.2.840.10008.5.1.4.1.1.2'); // a SOP class is not identifying
    const shared = firstItem(b.dict, '52009229');
    expect(value(shared, '00200052')).toBe(value(a.dict, '00200052'));
    for (const uid of [value(a.dict, '00080018'), value(reference, '00081155')]) {
      expect(uid).toMatch(UID_2_25);
      expect((uid as string).length).toBeLessThanOrEqual(64);
    }
  });

  it('gives other UIDs under another project key, and keeps them under Retain UIDs', async () => {
    const input = syntheticInstance('1.2.826.0.1.99.5.0');
    const other = await deid(input, [], new TextEncoder().encode('project-key-two'));
    expect(value(other.dict, '0020000D')).not.toBe(value((await deid(input)).dict, '0020000D'));
    expect(value((await deid(input, ['retainUIDs'])).dict, '0020000D')).toBe('1.2.826.0.1.99');
  });
});

describe('deidentifyDataset: options', () => {
  it('shifts every date of a subject by one offset under Modified Dates, so intervals survive', async () => {
    const options: ConfidentialityOption[] = ['retainLongitudinalModifiedDates'];
    const one = (await deid(syntheticInstance('1.1'), options)).dict;
    const two = (await deid(syntheticInstance('1.2'), options)).dict;
    const days = (da: unknown) =>
      Date.UTC(
        Number(String(da).slice(0, 4)),
        Number(String(da).slice(4, 6)) - 1,
        Number(String(da).slice(6, 8)),
      ) / 86_400_000;
    const study = value(one, '00080020');
    expect(study).not.toBe('20200315');
    expect(days(value(one, '00080021')) - days(study)).toBe(1);
    expect(value(two, '00080020')).toBe(study);
    expect(value(one, '00080030')).toBe('101500');
    const shared = firstItem(one, '52009229');
    expect(value(shared, '00189074')).toBe(`${study}101500`);
    expect(value(one, '00280303')).toBe('MODIFIED');
    const otherPatient = (await deid(syntheticInstance('1.3', 'PID-7'), options)).dict;
    expect(value(otherPatient, '00080020')).not.toBe(study);
  });

  it('keeps full dates, institution and device identity when those options are chosen', async () => {
    const out = (
      await deid(syntheticInstance('1.1'), [
        'retainLongitudinalFullDates',
        'retainInstitutionIdentity',
        'retainDeviceIdentity',
        'retainPatientCharacteristics',
      ])
    ).dict;
    expect(value(out, '00080020')).toBe('20200315');
    expect(value(out, '00080080')).toBe('St Elsewhere Hospital');
    expect(value(out, '00080081')).toBe('1 Main Street, Springfield');
    expect(value(out, '00181000')).toBe('SN-998877');
    expect(value(out, '00100040')).toBe('F');
    expect(value(out, '00100020')).toMatch(/^VXH-/);
  });

  it('cleans descriptors of the identifying values the dataset holds', async () => {
    const out = (await deid(syntheticInstance('1.1'), ['cleanDescriptors'])).dict;
    expect(value(out, '00081030')).toBe('CT head of * *');
    expect(value(out, '00204000')).toBe('* *, seen by *');
  });

  it('keeps only the safe private attributes of Table E.3.10-1 under Retain Safe Private', async () => {
    const input = syntheticInstance('1.1');
    // Philips PET's SUV factor, (7053,xx00) DS under its creator: safe. ACME's name-holding one is not.
    input.dict['70530010'] = text('LO', 'Philips PET Private Group');
    input.dict['70531000'] = text('DS', '0.000321');
    const without = (await deid(input)).dict;
    expect(Object.keys(without).filter((t) => Number.parseInt(t[3]!, 16) % 2 === 1)).toEqual([]);
    const out = (await deid(input, ['retainSafePrivate'])).dict;
    expect(
      Object.keys(out)
        .filter((t) => Number.parseInt(t[3]!, 16) % 2 === 1)
        .sort(),
    ).toEqual(['70530010', '70531000']);
    expect(value(out, '70531000')).toBe('0.000321');
  });
});
