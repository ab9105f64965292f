import { describe, expect, it } from 'vitest';
import { parseDicom } from '../dicom/parse-dicom.js';
import { readTestdata } from '../test-support/shared-data.js';
import {
  isSafePrivateAttribute,
  privateCreatorTag,
  safePrivateRow,
  TABLE_E3_10_1,
  TABLE_E3_10_1_EDITION,
} from './safe-private-attributes.js';

describe('PS3.15 Table E.3.10-1 as data', () => {
  it('has every row of the 2020b table, each (group, element, creator) once', () => {
    expect(TABLE_E3_10_1_EDITION).toBe('2020b');
    expect(TABLE_E3_10_1.length).toBe(130);
    const keys = TABLE_E3_10_1.map((r) => `${r.group}|${r.element}|${r.creator}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const row of TABLE_E3_10_1) {
      expect(row.group).toMatch(/^[0-9A-F]{4}$/);
      expect(Number.parseInt(row.group, 16) % 2).toBe(1);
      expect(row.element).toMatch(/^[0-9A-F]{2}$/);
      expect(row.creator).toBe(row.creator.trim());
      expect(row.creator).not.toBe('');
      expect(row.vr).toMatch(/^(|AE|CS|DS|FD|FL|IS|LO|LT|OB|SH|SL|SQ|SS|UI|UL|US)$/);
    }
  });

  it('holds rows as the standard prints them', () => {
    expect(safePrivateRow('70531000', 'Philips PET Private Group')).toMatchObject({ vr: 'DS', vm: '1' });
    expect(safePrivateRow('00431039', 'GEMS_PARM_01')).toMatchObject({
      vr: 'IS',
      vm: '4',
      meaning: '1st value is B Value',
    });
    expect(safePrivateRow('0019100E', 'SIEMENS MR HEADER')).toMatchObject({
      vr: 'FD',
      vm: '3',
      meaning: 'Diffusion Gradient Direction',
    });
    // One element number, two creators: the creator decides which row applies.
    expect(safePrivateRow('7FD11009', 'SIEMENS Ultrasound SC2000')?.meaning).toBe('Volume Version ID');
    expect(safePrivateRow('7FD11009', 'SIEMENS SYNGO ULTRA-SOUND TOYON DATA STREAMING')?.meaning).toBe(
      'Version ID',
    );
  });
});

describe('privateCreatorTag', () => {
  it.each([
    ['00191023', '00190010'],
    ['0019109e', '00190010'],
    ['00291123', '00290011'],
    ['7FD1FF01', '7FD100FF'],
  ])('finds the creator of %s at %s', (tag, creator) => {
    expect(privateCreatorTag(tag)).toBe(creator);
  });

  it.each([
    ['00100010', 'an even group'],
    ['00190010', 'a private creator'],
    ['00190000', 'a group length'],
    ['00190005', 'an element below the creator range'],
    ['00010010', 'a group PS3.5 forbids for private data'],
    ['0019', 'not 8 hex digits'],
  ])('has none for %s (%s)', (tag) => {
    expect(privateCreatorTag(tag)).toBeUndefined();
  });
});

describe('isSafePrivateAttribute', () => {
  it.each<[string, string, string | undefined, boolean, string]>([
    ['00191023', 'GEMS_ACQU_01', 'DS', true, 'a listed element with its VR'],
    ['00191123', 'GEMS_ACQU_01', 'DS', true, 'the same element in another block'],
    ['00191023', 'GEMS_ACQU_01 ', 'DS', true, 'a space-padded creator'],
    ['00191023', 'GEMS_ACQU_01', undefined, true, 'an implicit-VR element'],
    ['00191023', 'GEMS_ACQU_01', 'UN', true, 'an element of unknown VR'],
    ['00191023', 'GEMS_ACQU_01', 'LO', false, 'another VR than the table gives'],
    ['00191023', 'gems_acqu_01', 'DS', false, 'the creator in another case'],
    ['00191023', 'GEMS_ACQU_02', 'DS', false, 'another creator'],
    ['00191025', 'GEMS_ACQU_01', 'DS', false, 'an unlisted element'],
    ['00211023', 'GEMS_ACQU_01', 'DS', false, 'another group'],
    ['00190010', 'GEMS_ACQU_01', 'LO', false, 'the private creator element itself'],
    ['00080023', 'GEMS_ACQU_01', 'DA', false, 'a standard attribute'],
    ['01191011', 'SIEMENS Ultrasound SC2000', undefined, true, 'a row without VR, VR not known'],
    ['01191011', 'SIEMENS Ultrasound SC2000', 'FD', false, 'a row without VR: a known VR cannot be checked'],
  ])('%s under %j with VR %s is %s (%s)', (tag, creator, vr, safe) => {
    expect(isSafePrivateAttribute(tag, creator, vr)).toBe(safe);
  });
});

/** Each private data element of a real file with the value of its private creator, as core's reader sees them. */
function privateElements(file: string): { tag: string; creator: string; vr?: string }[] {
  const { dataSet } = parseDicom(readTestdata(file));
  return Object.entries(dataSet.elements).flatMap(([key, element]) => {
    const tag = key.slice(1).toUpperCase();
    const creatorTag = privateCreatorTag(tag);
    if (!creatorTag) return [];
    return [{ tag, creator: dataSet.string(`x${creatorTag.toLowerCase()}`) ?? '', vr: element.vr }];
  });
}

describe('safe private attributes of real files', () => {
  it.each([
    [
      // GE MR: GEMS_ACQU_01, GEMS_SERS_01 and GEMS_PARM_01 blocks, next to unlisted GEMS_* ones.
      'dcm_qa_nih/In/20180918GE/mr_0004/axial_epi_fmri_interleaved_i_to_s-00001.dcm',
      ['0019109E', '00251007', '00431039', '0043106F'],
    ],
    [
      // Philips CT written with ELSCINT1 blocks in groups 00E1, 01E1 and 01F1.
      'dcm_qa_ct/In/Philips/S21570/S2010/I10',
      ['00E11050', '01F11001', '01F11026', '01F11027'],
    ],
    // GE CT: GEMS_HELIOS_01 in group 0045.
    ['dcmqi/segmentations/ct-3slice/01.dcm', ['00451001', '00451002']],
    // Siemens MR: SIEMENS MR HEADER holds none of its four listed elements here; CSA headers are never safe.
    ['dcm_qa_nih/In/20180918Si/mr_0003/epi_pe_ap-00001.dcm', []],
  ])('finds in %s exactly the listed elements', (file, expected) => {
    const elements = privateElements(file);
    expect(elements.length).toBeGreaterThan(expected.length);
    const safe = elements.filter((e) => isSafePrivateAttribute(e.tag, e.creator, e.vr)).map((e) => e.tag);
    expect(safe.sort()).toEqual(expected);
  });
});
