import { describe, expect, it } from 'vitest';
import { readTestdata } from '../test-support/shared-data.js';
import type { DicomDatasetJson } from './dcmjs-dataset.js';
import { readPart10Dataset } from './dcmjs-dataset.js';
import { retainedSafePrivateTags } from './safe-private-tags.js';

describe('retainedSafePrivateTags', () => {
  it('keeps listed elements with the creators of their blocks, wherever the blocks are', () => {
    const dataset: DicomDatasetJson = {
      '00190010': { vr: 'LO', Value: ['GEMS_ACQU_01 '] },
      '00190011': { vr: 'LO', Value: ['SIEMENS MR HEADER'] },
      '00191023': { vr: 'DS', Value: ['39.375'] }, // Table Speed
      '00191024': { vr: 'DS', Value: ['12.5'] }, // Mid Scan Time
      '00191025': { vr: 'SS', Value: [1] }, // not listed
      '0019110C': { vr: 'IS', Value: ['1000'] }, // B Value, SIEMENS MR HEADER in block 11
      '00191123': { vr: 'DS', Value: ['1'] }, // element 23 of SIEMENS MR HEADER: not listed
      '00291010': { vr: 'OB', Value: [] }, // no creator for block 10 of group 0029
    };
    expect([...retainedSafePrivateTags(dataset)].sort()).toEqual([
      '00190010',
      '00190011',
      '00191023',
      '00191024',
      '0019110C',
    ]);
  });

  it('keeps no creator whose block holds nothing listed', () => {
    const dataset: DicomDatasetJson = {
      '00290010': { vr: 'LO', Value: ['SIEMENS CSA HEADER'] },
      '00291010': { vr: 'OB', Value: [] },
      '00100010': { vr: 'PN', Value: [{ Alphabetic: 'Doe^Jane' }] },
    };
    expect(retainedSafePrivateTags(dataset).size).toBe(0);
  });

  it.each([
    [
      'dcm_qa_nih/In/20180918GE/mr_0004/axial_epi_fmri_interleaved_i_to_s-00001.dcm',
      ['00190010', '0019109E', '00250010', '00251007', '00430010', '00431039', '0043106F'],
    ],
    [
      'dcm_qa_ct/In/Philips/S21570/S2010/I10',
      ['00E10010', '00E11050', '01F10010', '01F11001', '01F11026', '01F11027'],
    ],
  ])('finds in %s, read by dcmjs, the elements and creators to keep', (file, expected) => {
    const { dict } = readPart10Dataset(readTestdata(file), file);
    expect([...retainedSafePrivateTags(dict)].sort()).toEqual(expected);
  });
});
