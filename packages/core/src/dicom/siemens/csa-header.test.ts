import { readFileSync } from 'node:fs';
import dicomParser, { type DataSet } from 'dicom-parser';
import { describe, expect, it } from 'vitest';
import { ImageReadError } from '../../errors/image-read-error.js';
import { readAscconv } from './ascconv.js';
import { csaHeaderBytes, csaNumbers, findCsaBlock, parseCsaHeader, readCsaHeader } from './csa-header.js';

const TESTDATA = new URL('../../../../../../shared/testdata/', import.meta.url);
const TRIO = 'dcm_qa_ts/In/1.dcm';
const SKYRA = 'dcm_qa_nih/In/20180918Si/mr_0003/epi_pe_ap-00001.dcm';

function load(path: string): DataSet {
  return dicomParser.parseDicom(new Uint8Array(readFileSync(new URL(path, TESTDATA))));
}

/** A CSA header written the way Siemens does: 84-byte element headers, 16-byte item headers, 4-byte padding. */
function buildCsa(elements: Array<[string, string[]]>, sv10 = true): Uint8Array {
  const chunks: number[] = sv10 ? [...'SV10'].map((c) => c.charCodeAt(0)).concat([4, 3, 2, 1]) : [];
  const int32 = (n: number) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >>> 24) & 0xff];
  chunks.push(...int32(elements.length), ...int32(77));
  for (const [name, values] of elements) {
    const nameBytes = new Array<number>(64).fill(0);
    [...name].forEach((c, i) => {
      nameBytes[i] = c.charCodeAt(0);
    });
    chunks.push(
      ...nameBytes,
      ...int32(values.length),
      0x44,
      0x53,
      0,
      0,
      ...int32(3),
      ...int32(values.length),
      ...int32(77),
    );
    for (const value of values) {
      const bytes = [...`${value}\0`].map((c) => c.charCodeAt(0));
      chunks.push(
        ...int32(bytes.length),
        ...int32(bytes.length),
        ...int32(77),
        ...int32(bytes.length),
        ...bytes,
      );
      while (chunks.length % 4 !== 0) chunks.push(0);
    }
  }
  return new Uint8Array(chunks);
}

function readError(run: () => unknown): ImageReadError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ImageReadError);
    return error as ImageReadError;
  }
  throw new Error('no error thrown');
}

describe('readCsaHeader on real Siemens files', () => {
  // Expected values: Debian python3-nibabel 5 nibabel.nicom.csareader.read on the same elements (items
  // stripped and empty ones dropped); gdcmdump --csa shows the same strings.
  it('reads the SV10 image header of the Trio VB17 mosaic', () => {
    const dataSet = load(TRIO);
    expect(findCsaBlock(dataSet)).toBe(0x10);
    const image = readCsaHeader(dataSet, 'image')!;
    // nibabel: 83 elements, of which these 26 have values.
    expect([...image.keys()]).toEqual([
      'EchoLinePosition',
      'EchoColumnPosition',
      'EchoPartitionPosition',
      'UsedChannelMask',
      'ICE_Dims',
      'ProtocolSliceNumber',
      'RealDwellTime',
      'SliceMeasurementDuration',
      'SequenceMask',
      'AcquisitionMatrixText',
      'MeasuredFourierLines',
      'PhaseEncodingDirectionPositive',
      'NumberOfImagesInMosaic',
      'SliceNormalVector',
      'TimeAfterStart',
      'ImaAbsTablePosition',
      'NonPlanarImage',
      'SlicePosition_PCS',
      'MultistepIndex',
      'ImaRelTablePosition',
      'ImaCoilString',
      'RFSWDDataType',
      'GSWDDataType',
      'ImaPATModeText',
      'BandwidthPerPixelPhaseEncode',
      'MosaicRefAcqTimes',
    ]);
    expect(image.get('NumberOfImagesInMosaic')).toEqual(['35']);
    expect(image.get('SliceNormalVector')).toEqual(['0.00000000', '0.10799944', '0.99415095']);
    expect(csaNumbers(image, 'ImaAbsTablePosition')).toEqual([0, 0, -1252]);
    expect(image.get('ImaCoilString')).toEqual(['T:HEA;HEP']);
    expect(image.get('AcquisitionMatrixText')).toEqual(['64*64']);
    expect(image.get('MosaicRefAcqTimes')).toHaveLength(35);
    expect(image.has('B_value')).toBe(false); // present with no items
  });

  it('reads the SV10 series header and its ASCCONV protocol', () => {
    const series = readCsaHeader(load(TRIO), 'series')!;
    expect(series.size).toBe(48); // nibabel: 65 elements, 48 with values
    expect(series.get('UsedPatientWeight')).toEqual(['100']);
    expect(series.get('CoilForGradient2')).toEqual(['AS092']);
    expect(series.get('TablePositionOrigin')).toEqual(['0', '0', '-1252']);
    const protocol = readAscconv(series)!;
    // nibabel.nicom.ascconv.parse_ascconv gives lSize 35, lBaseResolution 64, tProtocolName
    // 'ax+AF8-asc+AF8-35sl', dTra -73.91709953; the block has 768 `key = value` lines.
    expect(protocol.size).toBe(768);
    expect(protocol.get('sSliceArray.lSize')).toBe('35');
    expect(protocol.get('sKSpace.lBaseResolution')).toBe('64');
    expect(protocol.get('tProtocolName')).toBe('ax+AF8-asc+AF8-35sl');
    expect(protocol.get('sSliceArray.asSlice[0].sPosition.dTra')).toBe('-73.91709953');
    expect(protocol.get('ulVersion')).toBe('0x14b44b6');
  });

  it('reads the Skyra E11 headers (tab-separated ASCCONV with an object= header line)', () => {
    const dataSet = load(SKYRA);
    const image = readCsaHeader(dataSet, 'image')!;
    expect(image.size).toBe(26);
    expect(image.get('NumberOfImagesInMosaic')).toEqual(['5']);
    expect(image.get('SliceNormalVector')).toEqual(['0.00000000', '0.00000000', '1.00000000']);
    expect(image.get('ImageHistory')).toEqual(['ChannelMixing:ND=true_CMM=1_CDM=1', 'CC:SoS']);
    const series = readCsaHeader(dataSet, 'series')!;
    expect(series.size).toBe(53);
    const protocol = readAscconv(series)!;
    expect(protocol.size).toBe(1195);
    expect(protocol.get('sSliceArray.lSize')).toBe('5');
    expect(protocol.get('tProtocolName')).toBe('EPI PE=AP');
    expect(protocol.get('sSliceArray.asSlice[0].dThickness')).toBe('3.0');
  });

  it('reads the old format without the SV10 signature', () => {
    // The old layout is the SV10 one without its first 8 bytes (GDCM's NOMAGIC reading).
    const sv10 = csaHeaderBytes(load(TRIO), 'image')!;
    expect(parseCsaHeader(sv10.subarray(8))).toEqual(parseCsaHeader(sv10));
    const old = buildCsa(
      [
        ['NumberOfImagesInMosaic', ['12 ']],
        ['SliceNormalVector', ['1', '0', '0.0']],
      ],
      false,
    );
    expect(parseCsaHeader(old)).toEqual(
      new Map([
        ['NumberOfImagesInMosaic', ['12']],
        ['SliceNormalVector', ['1', '0', '0.0']],
      ]),
    );
  });

  it('finds the CSA block wherever its private creator reserved it', () => {
    // (0029,0010) belongs to someone else; "SIEMENS CSA HEADER" reserves block 0x11: (0029,1110) and (0029,1120).
    const csa = buildCsa([['NumberOfImagesInMosaic', ['9']]]);
    const element = (element: number, vr: string, value: Uint8Array) => {
      const head = [0x29, 0, element & 0xff, element >> 8, vr.charCodeAt(0), vr.charCodeAt(1)];
      const length =
        vr === 'OB'
          ? [0, 0, ...[0, 1, 2, 3].map((i) => (value.length >> (8 * i)) & 0xff)]
          : [value.length & 0xff, value.length >> 8];
      return [...head, ...length, ...value];
    };
    const text = (s: string) => new TextEncoder().encode(s.length % 2 ? `${s} ` : s);
    const bytes = new Uint8Array([
      ...element(0x0010, 'LO', text('OTHER VENDOR')),
      ...element(0x0011, 'LO', text('SIEMENS CSA HEADER')),
      ...element(0x1110, 'OB', csa),
    ]);
    const dataSet = dicomParser.parseDicom(bytes, { TransferSyntaxUID: '1.2.840.10008.1.2.1' });
    expect(findCsaBlock(dataSet)).toBe(0x11);
    expect(readCsaHeader(dataSet, 'image')?.get('NumberOfImagesInMosaic')).toEqual(['9']);
    expect(readCsaHeader(dataSet, 'series')).toBeUndefined();
  });
});

describe('parseCsaHeader on hostile input', () => {
  const int32At = (bytes: Uint8Array, at: number, value: number) =>
    new DataView(bytes.buffer, bytes.byteOffset).setInt32(at, value, true);
  const valid = () => buildCsa([['SliceNormalVector', ['0', '0', '1']]]);
  // Offsets in `valid()`: tag count at 8, element header at 16 (item count at 16 + 76), first item at 100.

  it.each([
    ['an empty buffer', () => new Uint8Array(0)],
    ['a bare signature', () => valid().subarray(0, 4)],
    [
      'a wrong check value',
      () => {
        const b = valid();
        int32At(b, 12, 78);
        return b;
      },
    ],
    [
      'zero elements',
      () => {
        const b = valid();
        int32At(b, 8, 0);
        return b;
      },
    ],
    [
      '4 294 967 295 elements',
      () => {
        const b = valid();
        int32At(b, 8, -1);
        return b;
      },
    ],
    [
      '2 147 483 647 items',
      () => {
        const b = valid();
        int32At(b, 92, 0x7fffffff);
        return b;
      },
    ],
    [
      'a negative item count',
      () => {
        const b = valid();
        int32At(b, 92, -5);
        return b;
      },
    ],
    [
      'an item longer than the header',
      () => {
        const b = valid();
        int32At(b, 104, 0x7fffffff);
        return b;
      },
    ],
    [
      'a negative item length',
      () => {
        const b = valid();
        int32At(b, 104, -8);
        return b;
      },
    ],
    ['a header cut in an item', () => valid().subarray(0, 110)],
  ])('rejects %s as MALFORMED', (_, bytes) => {
    expect(readError(() => parseCsaHeader(bytes())).code).toBe('MALFORMED');
  });

  it('never fails other than with ImageReadError on truncated or corrupted real headers', () => {
    const real = csaHeaderBytes(load(TRIO), 'image')!;
    const started = performance.now();
    for (let length = 0; length < real.length; length += 7) {
      try {
        parseCsaHeader(real.subarray(0, length));
      } catch (error) {
        expect(error).toBeInstanceOf(ImageReadError);
      }
    }
    let seed = 12345;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let round = 0; round < 500; round++) {
      const bytes = real.slice();
      for (let k = 0; k < 4; k++) bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256);
      try {
        parseCsaHeader(bytes);
      } catch (error) {
        expect(error).toBeInstanceOf(ImageReadError);
      }
    }
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('rejects a non-numeric value where a number is needed', () => {
    const header = parseCsaHeader(buildCsa([['NumberOfImagesInMosaic', ['many']]]));
    expect(readError(() => csaNumbers(header, 'NumberOfImagesInMosaic')).code).toBe('INVALID_ATTRIBUTE');
  });
});
