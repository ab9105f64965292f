import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ParsedDicom, parseDicom } from '@voxelhub/core';
import { zlibInflateRaw } from '@voxelhub/core/node';
import { describe, expect, it } from 'vitest';
import { TESTDATA } from '../import/import-test-files.js';
import type { DicomJson } from './dicom-json.js';
import { dicomJsonFromDataSet, instanceDicomJson } from './dicom-json.js';
import { dicomJsonWithDcmjs } from './dicom-json-dcmjs.js';

/**
 * The DICOM JSON made from dicom-parser's DataSet equals what dcmjs made of the same file (as the import
 * called it: on the bytes up to the Pixel Data value), on every file of the shared test data that
 * parseDicom reads, except where dcmjs is wrong. Those cases, taken back to dcmjs's form for the
 * comparison and asserted on a real file each below:
 * 1. Pixel Data has no "vr" in dcmjs's JSON (it stops at the tag, before the VR); PS3.18 F.2.2 requires
 *    one: the file's (OB or OW; OW when the file is implicit VR).
 * 2. AT values are numbers (0xGGGGEEEE) in dcmjs's; PS3.18 F.2.3 makes them Strings "GGGGEEEE".
 * 3. ST and UT values are split on backslash by dcmjs; they are single-valued and a backslash in them is
 *    text (PS3.5 6.2).
 * 4. An empty sequence item is left out by dcmjs (shifting the items after it); it is an empty object.
 * 5. Files without a Part 10 header (no preamble or DICM prefix), which parseDicom reads but dcmjs
 *    refuses: dcmjs gives no JSON; now they have one.
 */

const DEFLATED = '1.2.840.10008.1.2.1.99';

interface Case {
  readonly file: string;
  readonly bytes: Uint8Array;
  readonly parsed: ParsedDicom;
}

function readableFiles(): Case[] {
  const cases: Case[] = [];
  for (const entry of readdirSync(TESTDATA, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = join(entry.parentPath, entry.name);
    const bytes = new Uint8Array(readFileSync(file));
    try {
      cases.push({ file, bytes, parsed: parseDicom(bytes, { file, inflateRaw: zlibInflateRaw }) });
    } catch {
      // not DICOM, or one of the malformed files parseDicom refuses
    }
  }
  return cases;
}

/** What the import gave dcmjs: the file up to the start of its Pixel Data value (deflated files whole). */
function dcmjsJson({ bytes, parsed }: Case): DicomJson | undefined {
  const pixelData = parsed.dataSet.elements.x7fe00010;
  const cut = pixelData && parsed.transferSyntaxUID !== DEFLATED && pixelData.dataOffset <= bytes.length;
  const json = dicomJsonWithDcmjs(cut ? bytes.subarray(0, pixelData.dataOffset) : bytes);
  // As stored: JSON text.
  return json && (JSON.parse(JSON.stringify(json)) as DicomJson);
}

/** The JSON as dcmjs would have given it, for cases 2 to 4 (each asserted apart below). */
function asDcmjsGaveIt(json: DicomJson): DicomJson {
  for (const [tag, element] of Object.entries(json)) {
    if (!element.Value) continue;
    if (element.vr === 'AT')
      element.Value = element.Value.map((value) => Number.parseInt(value as string, 16));
    if (element.vr === 'ST' || element.vr === 'UT') {
      // dcmjs's empty values are left out, as all empty values are.
      const values = (element.Value[0] as string).split('\\').filter((value) => value !== '');
      json[tag] = values.length ? { vr: element.vr, Value: values } : { vr: element.vr };
    }
    if (element.vr === 'SQ') {
      const items = (element.Value as DicomJson[]).filter((item) => Object.keys(item).length > 0);
      json[tag] = items.length ? { vr: 'SQ', Value: items.map(asDcmjsGaveIt) } : { vr: 'SQ' };
    }
  }
  return json;
}

function read(name: string): Case {
  const file = join(TESTDATA, name);
  const bytes = new Uint8Array(readFileSync(file));
  return { file, bytes, parsed: parseDicom(bytes, { file, inflateRaw: zlibInflateRaw }) };
}

function made({ parsed }: Case): DicomJson {
  const json = dicomJsonFromDataSet(parsed.dataSet, parsed.transferSyntaxUID);
  if (!json) throw new Error('no DICOM JSON');
  return JSON.parse(JSON.stringify(json)) as DicomJson;
}

describe('DICOM JSON from the parsed DataSet', () => {
  it('equals what dcmjs made of every readable test file, but where dcmjs is wrong', () => {
    let compared = 0;
    for (const testCase of readableFiles()) {
      const actual = made(testCase);
      const reference = dcmjsJson(testCase);
      if (reference === undefined) {
        // Case 5.
        expect(testCase.parsed.hasPart10Header, testCase.file).toBe(false);
        continue;
      }
      const pixelData = actual['7FE00010'];
      if (pixelData) {
        // Case 1: the one difference at Pixel Data is its VR.
        expect(['OB', 'OW'], testCase.file).toContain(pixelData.vr);
        actual['7FE00010'] = { BulkDataURI: pixelData.BulkDataURI } as DicomJson[string];
      }
      expect(asDcmjsGaveIt(actual), testCase.file).toEqual(reference);
      compared += 1;
    }
    expect(compared).toBeGreaterThan(300);
  });

  it('gives Pixel Data its VR from the file (case 1)', () => {
    expect(made(read('pydicom/CT_small.dcm'))['7FE00010']).toEqual({
      vr: 'OW',
      BulkDataURI: 'bulkdata:7FE00010',
    });
    expect(made(read('pydicom/JPEG2000.dcm'))['7FE00010']).toEqual({
      vr: 'OB',
      BulkDataURI: 'bulkdata:7FE00010',
    });
    // Implicit VR: OW.
    expect(made(read('pydicom/MR_small_implicit.dcm'))['7FE00010']?.vr).toBe('OW');
  });

  it('gives AT values as "GGGGEEEE" strings (case 2)', () => {
    // Frame Increment Pointer: Frame Time.
    expect(made(read('pydicom/examples_ybr_color.dcm'))['00280009']).toEqual({
      vr: 'AT',
      Value: ['00181063'],
    });
  });

  it('keeps a backslash in ST and UT text (case 3)', () => {
    // Image Display Format, ST.
    expect(made(read('highdicom/dx_image.dcm'))['20100010']).toEqual({ vr: 'ST', Value: ['STANDARD\\1,1'] });
    const xml = made(read('pydicom/examples_ybr_color.dcm'))['00191050'];
    expect(xml?.vr).toBe('UT');
    expect(xml?.Value).toHaveLength(1);
    expect(xml?.Value?.[0]).toContain('\\Storage Card\\');
  });

  it('keeps an empty sequence item as an empty object (case 4)', () => {
    const sequence = made(read('pydicom-data/JPGLosslessP14SV1_1s_1f_8b.dcm'))['00400260'];
    expect(sequence?.Value).toEqual([{ '00080100': { vr: 'SH', Value: ['2501'] } }, {}]);
  });

  it('makes DICOM JSON of a dataset without a Part 10 header (case 5)', () => {
    const testCase = read('pydicom/ExplVR_LitEndNoMeta.dcm');
    expect(dicomJsonWithDcmjs(testCase.bytes)).toBeUndefined();
    const json = made(testCase);
    expect(json['00080018']).toEqual({ vr: 'UI', Value: [testCase.parsed.dataSet.string('x00080018')] });
    expect(json['00083002']).toEqual({ vr: 'UI', Value: ['1.2.840.10008.1.2.1'] });
  });

  it('reads a file whole with instanceDicomJson, and gives undefined for what is not DICOM', () => {
    const testCase = read('pydicom/CT_small.dcm');
    expect(instanceDicomJson(testCase.bytes)).toEqual(
      dicomJsonFromDataSet(testCase.parsed.dataSet, testCase.parsed.transferSyntaxUID),
    );
    expect(instanceDicomJson(new TextEncoder().encode('not a DICOM file'))).toBeUndefined();
  });
});
