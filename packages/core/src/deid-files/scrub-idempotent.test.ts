import fc from 'fast-check';
import { gunzipSync, gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readTestdata } from '../test-support/shared-data.js';
import { cleanJpeg, cleanPng, exifTiff } from './identifying-rasters.fixture.js';
import { mrSlice } from './mr-slice.fixture.js';
import { readPngChunks, writePngChunks } from './png-chunks.js';
import { scrubJpeg } from './scrub-jpeg.js';
import { scrubNifti } from './scrub-nifti.js';
import { scrubPng } from './scrub-png.js';

/**
 * Scrubbing is idempotent: a scrubbed file scrubbed again comes back byte for byte, and the second
 * report finds nothing to remove. Files are real images with random identifying parts spliced in;
 * every spliced payload holds SECRET, which must not survive the first pass.
 */
const SECRET = 'SECRET';
const RUNS = { numRuns: 40, seed: 20261127 };
const slice = mrSlice(readTestdata('dcm_qa_ts/Ref/1.nii'));
const secretPayload = fc
  .uint8Array({ maxLength: 40 })
  .map((tail) => new Uint8Array([...Buffer.from(SECRET), ...tail]));
const hasSecret = (bytes: Uint8Array) => Buffer.from(bytes).includes(Buffer.from(SECRET));
const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

describe('scrubbing twice changes nothing more', () => {
  it('NIfTI-1 and NIfTI-2, plain and gzipped, with random text fields, extensions and trailers', () => {
    // Scrubbed once first, so the bases have no text and no extensions of their own (example_nifti2 has two).
    const nifti1 = scrubNifti(gunzipSync(readTestdata('nibabel/standard.nii.gz'))).bytes;
    const nifti2 = scrubNifti(gunzipSync(readTestdata('nibabel/example_nifti2.nii.gz'))).bytes;
    const text = fc.tuple(fc.nat(80), secretPayload);
    const extension = fc.tuple(fc.integer({ min: -5, max: 40 }), secretPayload);
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.array(text, { maxLength: 3 }),
        fc.array(extension, { maxLength: 3 }),
        fc.uint8Array({ maxLength: 30 }),
        fc.boolean(),
        (useNifti2, texts, extensions, trailer, gzipped) => {
          const input = niftiWith(useNifti2 ? nifti2 : nifti1, texts, extensions, trailer);
          const first = scrubNifti(gzipped ? gzipSync(input) : input);
          expect(hasSecret(gzipped ? gunzipSync(first.bytes) : first.bytes)).toBe(false);
          const second = scrubNifti(first.bytes);
          expect(same(second.bytes, first.bytes)).toBe(true);
          expect(second.report.clearedFields).toEqual([]);
          expect(second.report.extensions).toEqual([]);
          expect(second.report.trailingBytes).toBe(0);
          const base = useNifti2 ? nifti2 : nifti1;
          const scrubbed = gzipped ? gunzipSync(first.bytes) : first.bytes;
          expect(
            same(
              scrubbed.subarray(base.length - voxelsOf(base)),
              base.subarray(base.length - voxelsOf(base)),
            ),
          ).toBe(true);
        },
      ),
      RUNS,
    );
  });

  it('PNG with random ancillary chunks and trailers', () => {
    const chunks = readPngChunks(cleanPng(slice.grey8, slice.width, slice.height)).chunks;
    const removable = fc.record({
      type: fc.oneof(
        fc.constantFrom('tEXt', 'zTXt', 'iTXt', 'eXIf', 'tIME', 'sPLT', 'hIST', 'acTL'),
        fc
          .stringMatching(/^[a-z][a-zA-Z]{3}$/)
          .filter((t) => !['iCCP', 'tRNS', 'gAMA', 'cHRM', 'sRGB', 'sBIT', 'pHYs', 'bKGD'].includes(t)),
      ),
      data: secretPayload,
    });
    const icc = secretPayload.map((name) => ({
      type: 'iCCP',
      data: new Uint8Array([...name.subarray(0, 6), 0, 0, 1, 2]),
    }));
    fc.assert(
      fc.property(
        fc.array(fc.oneof(removable, icc), { maxLength: 5 }),
        fc.uint8Array({ maxLength: 20 }),
        (extra, trailer) => {
          const png = writePngChunks([chunks[0]!, ...extra, ...chunks.slice(1)]);
          const first = scrubPng(new Uint8Array([...png, ...trailer]));
          expect(hasSecret(first.bytes)).toBe(false);
          const second = scrubPng(first.bytes);
          expect(same(second.bytes, first.bytes)).toBe(true);
          expect(second.report).toEqual({
            format: 'PNG',
            removedChunks: [],
            iccProfileRenamed: false,
            trailingBytes: 0,
          });
        },
      ),
      RUNS,
    );
  });

  it('JPEG with random APPn, COM and EXIF orientation segments and trailers', () => {
    const jpg = cleanJpeg(slice.grey8, slice.width, slice.height);
    const segment = (marker: number, payload: Uint8Array) => [
      0xff,
      marker,
      (payload.length + 2) >> 8,
      (payload.length + 2) & 0xff,
      ...payload,
    ];
    const dropped = fc
      .tuple(fc.oneof(fc.integer({ min: 0xe1, max: 0xef }), fc.constant(0xfe)), secretPayload)
      .map(([marker, payload]) => segment(marker, payload));
    const exif = fc
      .integer({ min: 1, max: 8 })
      .map((o) => segment(0xe1, new Uint8Array([...Buffer.from('Exif\0\0'), ...exifTiff(o)])));
    fc.assert(
      fc.property(
        fc.array(fc.oneof(dropped, exif), { maxLength: 5 }),
        fc.uint8Array({ maxLength: 20 }),
        (extra, trailer) => {
          const input = new Uint8Array([
            ...jpg.subarray(0, 20),
            ...extra.flat(),
            ...jpg.subarray(20),
            ...trailer,
          ]);
          const first = scrubJpeg(input);
          expect(hasSecret(first.bytes)).toBe(false);
          expect(Buffer.from(first.bytes).includes(Buffer.from('Jane Doe'))).toBe(false); // the EXIF Artist
          const second = scrubJpeg(first.bytes);
          expect(same(second.bytes, first.bytes)).toBe(true);
          expect(second.report.removedSegments).toEqual([]);
          expect(second.report.exifOrientationKept).toBe(first.report.exifOrientationKept);
          expect(second.report.trailingBytes).toBe(0);
        },
      ),
      RUNS,
    );
  });
});

/** Voxel bytes of a scrubbed base: everything after the header and its extender. */
function voxelsOf(base: Uint8Array): number {
  return base.length - (base[0] === 0x5c ? 352 : 544);
}

/** `base` (a .nii without extensions) with text put into its header fields, extensions, and a trailer. */
function niftiWith(
  base: Uint8Array,
  texts: readonly [number, Uint8Array][],
  extensions: readonly [number, Uint8Array][],
  trailer: Uint8Array,
): Uint8Array {
  const version = base[0] === 0x5c ? 1 : 2; // sizeof_hdr 348 = 0x15c, 540 = 0x21c, little-endian
  const [size, textStart, textEnd] = version === 1 ? [348, 148, 252] : [540, 240, 344];
  const head = base.slice(0, size + 4);
  for (const [at, payload] of texts)
    head.set(
      payload.subarray(0, textEnd - textStart - at),
      textStart + Math.min(at, textEnd - textStart - 1),
    );
  const ext = extensions.map(([ecode, payload]) => {
    const esize = Math.ceil((payload.length + 8) / 16) * 16;
    const out = new Uint8Array(esize);
    const view = new DataView(out.buffer);
    view.setInt32(0, esize, true);
    view.setInt32(4, ecode, true);
    out.set(payload, 8);
    return out;
  });
  const extBytes = ext.reduce((n, e) => n + e.length, 0);
  const view = new DataView(head.buffer);
  head[size] = ext.length > 0 ? 1 : 0;
  if (version === 1) view.setFloat32(108, size + 4 + extBytes, true);
  else view.setBigInt64(168, BigInt(size + 4 + extBytes), true);
  const voxels = base.subarray(size + 4);
  return new Uint8Array([...head, ...ext.flatMap((e) => [...e]), ...voxels, ...trailer]);
}
