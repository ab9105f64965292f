import { describe, expect, it } from 'vitest';
import { ImageReadError } from '../errors/image-read-error.js';
import { readJpeg } from '../raster/read-jpeg.js';
import { readTestdata } from '../test-support/shared-data.js';
import { cleanJpeg, exifTiff, IDENTIFYING, identifyingJpeg } from './identifying-rasters.fixture.js';
import { readJpegPieces } from './jpeg-segments.js';
import { mrSlice } from './mr-slice.fixture.js';
import { scrubJpeg } from './scrub-jpeg.js';

const PROGRESSIVE_JPEG =
  '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAUDBAQEAwUEBAQFBQUGBwwIBwcHBw8LCwkMEQ8SEhEPERETFhwXExQaFRERGCEYGh0dHx8fExciJCIeJBweHx7/2wBDAQUFBQcGBw4ICA4eFBEUHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh7/wgARCAAIABADASIAAhEBAxEB/8QAFgABAQEAAAAAAAAAAAAAAAAAAAQF/8QAFQEBAQAAAAAAAAAAAAAAAAAAAwT/2gAMAwEAAhADEAAAAcqMsT//xAAVEAEBAAAAAAAAAAAAAAAAAAAAE//aAAgBAQABBQKKL//EABoRAAAHAAAAAAAAAAAAAAAAAAACAwYjgcH/2gAIAQMBAT8BdSxorwf/xAAaEQAABwAAAAAAAAAAAAAAAAAAAgMGI4HB/9oACAECAQE/AWuqaWtH/8QAFBABAAAAAAAAAAAAAAAAAAAAEP/aAAgBAQAGPwI//8QAFRABAQAAAAAAAAAAAAAAAAAAAHH/2gAIAQEAAT8hlL//2gAMAwEAAgADAAAAEIP/xAAVEQEBAAAAAAAAAAAAAAAAAAAAQf/aAAgBAwEBPxC2/wD/xAAVEQEBAAAAAAAAAAAAAAAAAAAAQf/aAAgBAgEBPxCg/wD/xAAUEAEAAAAAAAAAAAAAAAAAAAAQ/9oACAEBAAE/EB//2Q==';

const slice = mrSlice(readTestdata('dcm_qa_ts/Ref/1.nii'));
const clean = cleanJpeg(slice.grey8, slice.width, slice.height);
const contains = (bytes: Uint8Array, text: string) =>
  Buffer.from(bytes).includes(Buffer.from(text, 'latin1'));
const sameBytes = (a: ArrayBufferView, b: ArrayBufferView) =>
  Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));

const EXIF_TIFF = exifTiff(1);

/**
 * The first frame's JPEG codestream in a DICOM file's encapsulated pixel data: fragments (items
 * FE FF 00 E0 + length) joined from the one that starts with FF D8 FF until one holds the EOI (a
 * fragment is padded to even length after it).
 */
function firstCodestream(dicom: Uint8Array): Uint8Array {
  const b = Buffer.from(dicom);
  const parts: Buffer[] = [];
  let item = b.indexOf(Buffer.from([0xff, 0xd8, 0xff])) - 8;
  for (;;) {
    const fragment = b.subarray(item + 8, item + 8 + b.readUInt32LE(item + 4));
    const eoi = fragment.lastIndexOf(Buffer.from([0xff, 0xd9]));
    if (eoi >= fragment.length - 3) {
      parts.push(fragment.subarray(0, eoi + 2));
      return new Uint8Array(Buffer.concat(parts));
    }
    parts.push(fragment);
    item += 8 + fragment.length;
  }
}

/** The bytes from the SOS marker to the end of EOI: scan header and entropy-coded data. */
function scanBytes(jpg: Uint8Array): Buffer {
  const b = Buffer.from(jpg);
  return b.subarray(b.indexOf(Buffer.from([0xff, 0xda])), b.lastIndexOf(Buffer.from([0xff, 0xd9])) + 2);
}

function failure(bytes: Uint8Array): ImageReadError {
  try {
    scrubJpeg(bytes);
  } catch (error) {
    if (error instanceof ImageReadError) return error;
    throw error;
  }
  throw new Error('scrubJpeg accepted the input');
}

describe('scrubJpeg', () => {
  it('drops EXIF, XMP, IPTC, MPF, comments, the JFIF thumbnail and the trailer; pixels identical', async () => {
    const input = identifyingJpeg(clean);
    for (const s of IDENTIFYING) expect(contains(input, s), s).toBe(true);
    const original = await readJpeg(input);
    const { bytes, report } = scrubJpeg(input);
    for (const s of IDENTIFYING) expect(contains(bytes, s), s).toBe(false);
    expect(report).toEqual({
      format: 'JPEG',
      removedSegments: [
        { segment: 'APP1', kind: 'Exif', count: 1 },
        { segment: 'APP1', kind: 'XMP', count: 1 },
        { segment: 'APP13', kind: 'Photoshop IPTC', count: 1 },
        { segment: 'APP2', kind: 'MPF', count: 1 },
        { segment: 'COM', kind: 'comment', count: 2 },
      ],
      jfifThumbnailRemoved: true,
      iccProfileKept: true,
      exifOrientationKept: 6,
      trailingBytes: 'trailer 1970:01:02'.length,
    });
    const scrubbed = await readJpeg(bytes);
    expect(sameBytes(scrubbed.data, original.data)).toBe(true);
    expect(sameBytes(scrubbed.data, (await readJpeg(clean)).data)).toBe(true);
    expect(scrubbed.meta.exifOrientation).toBe(6);
    expect(scanBytes(bytes).equals(scanBytes(clean))).toBe(true);
    const markers = readJpegPieces(bytes).pieces.map((p) => p.marker?.toString(16) ?? 'scan');
    expect(markers.slice(0, 5)).toEqual(['d8', 'e0', 'e1', 'e2', 'ee']);
    expect(markers.filter((m) => m === 'fe' || m === 'ed')).toEqual([]);
  });

  it('leaves a JPEG with nothing to remove byte-identical', () => {
    const { bytes, report } = scrubJpeg(clean);
    expect(sameBytes(bytes, clean)).toBe(true);
    expect(report).toEqual({
      format: 'JPEG',
      removedSegments: [],
      jfifThumbnailRemoved: false,
      iccProfileKept: false,
      trailingBytes: 0,
    });
  });

  it('walks every scan of a progressive JPEG, dropping a comment between scans', async () => {
    // Written by Pillow 9.4 (progressive, 4:2:0); the same file read-jpeg.test.ts decodes.
    const progressive = new Uint8Array(Buffer.from(PROGRESSIVE_JPEG, 'base64'));
    const b = Buffer.from(progressive);
    const second = b.indexOf(Buffer.from([0xff, 0xda]), b.indexOf(Buffer.from([0xff, 0xda])) + 2);
    const comment = [0xff, 0xfe, 0, 12, ...Buffer.from('John Smith')];
    const input = new Uint8Array([...b.subarray(0, second), ...comment, ...b.subarray(second)]);
    const scans = readJpegPieces(input).pieces.filter((p) => p.marker === undefined).length;
    expect(scans).toBeGreaterThan(2);
    const { bytes, report } = scrubJpeg(input);
    expect(report.removedSegments).toEqual([{ segment: 'COM', kind: 'comment', count: 1 }]);
    expect(sameBytes(bytes, progressive)).toBe(true);
    expect(sameBytes((await readJpeg(bytes)).data, (await readJpeg(progressive)).data)).toBe(true);
  });

  it.each([
    ['pydicom/SC_rgb_jpeg_dcmtk.dcm', 'baseline, JFIF'],
    ['pydicom/examples_ybr_color.dcm', 'baseline 4:2:2, first of 30 frames'],
    ['pydicom/JPGExtended.dcm', '12-bit extended'],
    ['pydicom-data/JPEG-LL.dcm', 'lossless'],
    ['pydicom/MR_small_jpeg_ls_lossless.dcm', 'JPEG-LS'],
    ['dcm_qa_ts/In/7.dcm', 'JPEG-LS mosaic'],
  ])('%s (%s): a comment and EXIF spliced in are removed, the codestream is otherwise unchanged', (file) => {
    const codestream = firstCodestream(readTestdata(file));
    const exif = [0xff, 0xe1, 0, 8 + EXIF_TIFF.length, ...Buffer.from('Exif\0\0'), ...EXIF_TIFF];
    const comment = [0xff, 0xfe, 0, 20, ...Buffer.from('Patient John Smith')];
    const input = new Uint8Array([0xff, 0xd8, ...exif, ...comment, ...codestream.subarray(2)]);
    const { bytes, report } = scrubJpeg(input);
    expect(contains(bytes, 'John Smith') || contains(bytes, 'Jane Doe')).toBe(false);
    expect(report.removedSegments).toEqual([
      { segment: 'APP1', kind: 'Exif', count: 1 },
      { segment: 'COM', kind: 'comment', count: 1 },
    ]);
    expect(sameBytes(bytes, codestream)).toBe(true);
  });

  it('decodes the scrubbed DICOM baseline codestream to the same pixels', async () => {
    const codestream = firstCodestream(readTestdata('pydicom/SC_rgb_jpeg_dcmtk.dcm'));
    const input = identifyingJpeg(codestream);
    expect(sameBytes((await readJpeg(scrubJpeg(input).bytes)).data, (await readJpeg(codestream)).data)).toBe(
      true,
    );
  });

  it('names what is wrong with input that is not a whole JPEG', () => {
    const input = identifyingJpeg(clean);
    expect(failure(new TextEncoder().encode('%PDF-1.4 not a jpeg')).message).toMatch(/JPEG SOI marker/);
    expect(failure(input.subarray(0, 30)).message).toMatch(/JPEG ends at byte 30, inside a marker segment/);
    const eoi = Buffer.from(input).lastIndexOf(Buffer.from([0xff, 0xd9]));
    expect(failure(input.subarray(0, eoi - 100)).message).toMatch(/inside scan data, without EOI/);
    const garbage = input.slice();
    garbage[2] = 0x12;
    expect(failure(garbage).message).toMatch(/JPEG has byte 12 at 2 where a marker belongs/);
    const short = input.slice();
    short.set([0, 1], 4); // APP0 length 1: less than its own length field
    expect(failure(short).message).toMatch(/segment FFE0 at byte 2 is too short/);
  });
});
