import { Worker } from 'node:worker_threads';
import { constants, deflateRawSync, inflateRawSync } from 'node:zlib';
import { deflateSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ParseDicomOptions, parseDicom } from '../dicom/parse-dicom.js';
import { EXPLICIT_VR_LITTLE_ENDIAN } from '../dicom/transfer-syntax.js';
import { ImageReadError, type ReadErrorCode } from '../errors/image-read-error.js';
import { zlibInflateRaw } from '../node/zlib-inflate.js';
import { readTestdata } from '../test-support/shared-data.js';
import { applyEdits, type Edit, writeField } from './byte-mutations.js';
import { CaseMonitor, WATCHDOG_SOURCE } from './case-monitor.js';
import {
  concat,
  element,
  encapsulatedPixelData,
  imagePixelModule,
  item,
  part10,
  sequence,
  str,
  us,
} from './dicom-builder.js';
import { dicomSubject } from './dicom-layout.js';
import { loadAllCodecs, readDicomPipeline } from './dicom-pipeline.js';
import { DEFAULT_LIMITS, runCase } from './fuzz-case.js';

/**
 * Hand-made hostile DICOM files: each must fail with an ImageReadError of the right code that names the
 * file, quickly, and without allocating what the file only claims.
 */

const FILE = 'hostile.dcm';
const RLE = '1.2.840.10008.1.2.5';
const DEFLATED = '1.2.840.10008.1.2.1.99';
const MB = 2 ** 20;

const monitor = new CaseMonitor();
let watchdog: Worker | undefined;
beforeAll(async () => {
  watchdog = new Worker(WATCHDOG_SOURCE, { eval: true, workerData: monitor.shared });
  watchdog.unref();
  await monitor.ready();
  await loadAllCodecs();
});
afterAll(async () => {
  monitor.stop();
  await watchdog?.terminate();
});

/**
 * Reads `bytes` through the whole pipeline under the fuzz harness (time budget, peak memory sampled by
 * the watchdog) and expects an ImageReadError with `code` that names the file.
 */
async function expectReadError(
  bytes: Uint8Array,
  code: ReadErrorCode,
  options: { inflateRaw?: ParseDicomOptions['inflateRaw']; maxMs?: number; maxMemory?: number } = {},
): Promise<ImageReadError> {
  const limits = {
    ...DEFAULT_LIMITS,
    budgetMs: options.maxMs ?? 1000,
    memoryBaseBytes: options.maxMemory ?? 64 * MB,
    memoryPerByte: 0,
  };
  const read = () =>
    readDicomPipeline(bytes, FILE, options.inflateRaw ? { inflateRaw: options.inflateRaw } : {});
  const outcome = await runCase(monitor, `hostile case (${code})`, FILE, bytes.length, read, limits);
  expect(outcome.error?.code).toBe(code);
  return outcome.error!;
}

/** Rows × Columns, 8-bit unless said, with native pixel data of `pixelBytes` bytes. */
function nativeImage(
  rows: number,
  columns: number,
  pixelBytes: number,
  extra: Uint8Array[] = [],
  bits = 8,
  frames?: string,
) {
  return part10(
    EXPLICIT_VR_LITTLE_ENDIAN,
    str(0x00080016, 'UI', '1.2.840.10008.5.1.4.1.1.7'),
    ...extra,
    imagePixelModule(rows, columns, bits, frames),
    element(0x7fe00010, bits > 8 ? 'OW' : 'OB', new Uint8Array(pixelBytes)),
  );
}

describe('hostile DICOM', () => {
  it('builds files the pipeline reads (the builder itself is right)', async () => {
    const read = await readDicomPipeline(nativeImage(4, 3, 12), FILE);
    expect(read.frames[0]!.pixels).toHaveLength(12);
  });

  it('refuses an element declaring 0xFFFFFFF0 bytes in a 200-byte file', async () => {
    const preamble = part10(EXPLICIT_VR_LITTLE_ENDIAN).subarray(0, 132);
    const meta = str(0x00020010, 'UI', EXPLICIT_VR_LITTLE_ENDIAN);
    const lie = element(0x00091010, 'OB', new Uint8Array(200 - 132 - meta.length - 12), 0xfffffff0);
    const bytes = concat(preamble, meta, lie);
    expect(bytes).toHaveLength(200);
    await expectReadError(bytes, 'TRUNCATED');
  });

  it('refuses an undefined-length sequence that never ends', async () => {
    const open = sequence(
      0x00081140,
      [item(str(0x00081150, 'UI', '1.2.3'), { undefinedLength: true, delimited: false })],
      false,
    );
    const bytes = part10(EXPLICIT_VR_LITTLE_ENDIAN, str(0x00080016, 'UI', '1.2.3'), open);
    await expectReadError(bytes, 'TRUNCATED');
  });

  // 10,000 sequences, each holding one undefined-length item that holds the next.
  const depth = 10_000;
  const open = concat(
    sequence(0x00081140, [], false).subarray(0, 12),
    item(new Uint8Array(0), { undefinedLength: true, delimited: false }),
  );
  const close = new Uint8Array([0xfe, 0xff, 0x0d, 0xe0, 0, 0, 0, 0, 0xfe, 0xff, 0xdd, 0xe0, 0, 0, 0, 0]);

  it('refuses 10,000 nested sequences without overflowing the stack', async () => {
    const nest = concat(
      ...Array.from({ length: depth }, () => open),
      ...Array.from({ length: depth }, () => close),
    );
    await expectReadError(nativeImage(2, 2, 4, [nest]), 'LIMIT_EXCEEDED');
  });

  it('refuses 10,000 nested sequences that never end', async () => {
    const nest = concat(...Array.from({ length: depth }, () => open));
    await expectReadError(
      part10(EXPLICIT_VR_LITTLE_ENDIAN, str(0x00080016, 'UI', '1.2.3'), nest),
      'LIMIT_EXCEEDED',
    );
  });

  it('refuses native pixel data shorter than rows × columns × bytes', async () => {
    const error = await expectReadError(nativeImage(64, 64, 100, [], 16), 'PIXEL_DATA_SHORT');
    expect(error.detail).toContain('8192');
  });

  // A cine frame time and shared functional groups both make per-frame arrays of Number of Frames.
  const cine = str(0x00181063, 'DS', '33.3');
  const shared = sequence(0x52009229, [item(sequence(0x00289110, [item(str(0x00280030, 'DS', '1\\1'))]))]);

  it('refuses Number of Frames 2^31 before building per-frame arrays', async () => {
    await expectReadError(nativeImage(8, 8, 128, [cine], 8, '2147483648'), 'LIMIT_EXCEEDED');
    await expectReadError(nativeImage(8, 8, 128, [shared], 8, '2147483648'), 'LIMIT_EXCEEDED');
  });

  it('refuses more frames than native pixel data can hold before building per-frame arrays', async () => {
    await expectReadError(nativeImage(8, 8, 128, [cine], 8, '100000'), 'PIXEL_DATA_SHORT');
    await expectReadError(nativeImage(8, 8, 128, [shared], 8, '100000'), 'PIXEL_DATA_SHORT');
  });

  it('refuses more frames than encapsulated pixel data has fragments', async () => {
    const bytes = part10(
      RLE,
      imagePixelModule(8, 8, 8, '100000'),
      encapsulatedPixelData([new Uint8Array(70)]),
    );
    await expectReadError(bytes, 'PIXEL_DATA_SHORT');
  });

  it('refuses 65535 × 65535 native pixels in a tiny file without allocating 8 GB', async () => {
    await expectReadError(nativeImage(65535, 65535, 64, [], 16), 'PIXEL_DATA_SHORT');
  });

  // RLE output is rows × columns × bytes: a decoder that allocates it before checking that the segments
  // can fill it throws a RangeError (16-bit, 8 GB) or allocates 4 GB (8-bit).
  function rleFile(bits: 8 | 16): Uint8Array {
    // An RLE header of one segment per byte of a sample, each a single PackBits run of 2 bytes.
    const segments = bits / 8;
    const header = new Uint8Array(64);
    const view = new DataView(header.buffer);
    view.setUint32(0, segments, true);
    for (let s = 0; s < segments; s++) view.setUint32(4 + 4 * s, 64 + 2 * s, true);
    const runs = new Uint8Array(2 * segments).map((_, i) => (i % 2 === 0 ? 0x81 : 0));
    return part10(RLE, imagePixelModule(65535, 65535, bits), encapsulatedPixelData([concat(header, runs)]));
  }

  it('refuses 65535 × 65535 16-bit RLE pixels in a tiny file without allocating 8 GB', async () => {
    await expectReadError(rleFile(16), 'CODEC_FAILED');
  });

  it('refuses 65535 × 65535 8-bit RLE pixels in a tiny file without allocating 4 GB', async () => {
    await expectReadError(rleFile(8), 'CODEC_FAILED');
  });
});

describe('hostile codestreams', () => {
  // jpeg-lossless-decoder-js allocates the size the SOF3 segment declares (4 GB here): the frame header
  // must be held to the pixel module before decoding.
  it('refuses a JPEG Lossless frame whose SOF3 claims 65535 × 65535 without allocating 4 GB', async () => {
    const bytes = readTestdata('pydicom-data/JPGLosslessP14SV1_1s_1f_8b.dcm').slice();
    const sof = bytes.findIndex((b, i) => b === 0xff && bytes[i + 1] === 0xc3);
    bytes.set([0xff, 0xff, 0xff, 0xff], sof + 5);
    await expectReadError(bytes, 'CODEC_FAILED');
  });

  // The 12-bit path (dcmjs-codecs) decodes whatever size the SOF1 segment declares (67 M samples,
  // 126 MB, for this 9.8 KB file): jpeg-dct.ts holds the frame header to the pixel module first.
  it('refuses a 12-bit JPEG frame whose SOF1 claims 65500 columns without decoding it', async () => {
    const bytes = readTestdata('pydicom/JPGExtended.dcm').slice();
    const sof = bytes.findIndex((b, i) => b === 0xff && bytes[i + 1] === 0xc1);
    bytes.set([0xff, 0xdc], sof + 7);
    await expectReadError(bytes, 'CODEC_FAILED');
  });
});

/** A raw deflate stream of `size` zero bytes, built from one compressed chunk repeated (no GBs in memory). */
function zeroBomb(prefix: Uint8Array, size: number): Uint8Array {
  const chunk = 16 * MB;
  const body = deflateRawSync(new Uint8Array(chunk), { level: 9, finishFlush: constants.Z_SYNC_FLUSH });
  const head = deflateRawSync(prefix, { finishFlush: constants.Z_SYNC_FLUSH });
  const end = deflateRawSync(new Uint8Array(0));
  return concat(head, ...Array.from({ length: Math.ceil(size / chunk) }, () => body), end);
}

describe('deflate bomb', () => {
  // A deflated dataset whose one element holds 1.1 GB of zeros: about 1.1 MB on disk.
  const size = 1100 * MB;
  const dataset = concat(str(0x00080016, 'UI', '1.2.3'), element(0x00091010, 'OB', new Uint8Array(0), size));
  const meta = part10(DEFLATED);
  const bomb = concat(meta, zeroBomb(dataset, size));

  it('is a small file', () => {
    expect(bomb.length).toBeLessThan(2 * MB);
  });

  it('is refused by the default (fflate) inflater before it inflates a gigabyte', async () => {
    // The time limit only tells a refusal from a hang (inflating the gigabyte takes far longer); it is
    // generous because a loaded CI machine is several times slower than an idle one.
    await expectReadError(bomb, 'LIMIT_EXCEEDED', { maxMs: 30_000, maxMemory: 300 * MB });
  });

  it('is refused by a Node zlib inflater that honours maxOutputLength, before it inflates a gigabyte', async () => {
    const inflateRaw = (bytes: Uint8Array, maxOutputLength: number) => {
      try {
        return new Uint8Array(inflateRawSync(bytes, { maxOutputLength }));
      } catch (error) {
        if ((error as { code?: string }).code !== 'ERR_BUFFER_TOO_LARGE') throw error;
        throw new ImageReadError('LIMIT_EXCEEDED', 'the deflated dataset inflates past its limit');
      }
    };
    await expectReadError(bomb, 'LIMIT_EXCEEDED', { inflateRaw, maxMs: 3000, maxMemory: 300 * MB });
  });

  // zlibInflateRaw must stop at the limit parseDicom passes (before it did, this took 16 s and 1.1 GB).
  it('is refused with zlibInflateRaw before it inflates a gigabyte', async () => {
    await expectReadError(bomb, 'LIMIT_EXCEEDED', {
      inflateRaw: zlibInflateRaw,
      maxMs: 3000,
      maxMemory: 300 * MB,
    });
  });

  it('still reads a small deflated dataset', () => {
    const small = concat(meta, deflateSync(concat(str(0x00080016, 'UI', '1.2.3'), us(0x00280010, 1))));
    expect(parseDicom(small, { file: FILE }).dataSet.uint16('x00280010')).toBe(1);
  });
});

/** `file` with its last Pixel Data fragment cut to `keep` bytes (the length field says so). */
function withShortFragment(file: string, keep: number): { good: Uint8Array; bad: Uint8Array } {
  const good = readTestdata(file);
  const site = dicomSubject(file, good).layout.pixelData!;
  const edits: Edit[] = [
    writeField(site.lengthField, keep),
    { op: 'delete', at: site.valueOffset + keep, count: site.lengthField.value - keep },
  ];
  return { good, bad: applyEdits(good, edits) };
}

// These run last in this file: were a codec left broken, it would stay broken for the process.
describe('codecs after hostile frames', () => {
  // A wasm codec instance that threw can be left broken: OpenJPEG after 7 failures on a 2-byte JPEG 2000
  // fragment, dcmjs-codecs (12-bit JPEG) after about 32 on a 64-byte one, CharLS after about 300 random
  // bit flips ("memory access out of bounds", "null function or function signature mismatch"). The codec
  // loader discards an instance after it throws, so the next frame gets a fresh one.
  async function expectStillDecodes(file: string, keep: number, failures: number): Promise<void> {
    const { good, bad } = withShortFragment(file, keep);
    for (let i = 0; i < failures; i++) {
      await expectReadError(bad, 'CODEC_FAILED');
      await expect(readDicomPipeline(good, file)).resolves.toBeDefined();
    }
  }

  it('OpenJPEG still decodes a valid file after 10 failures on a 2-byte fragment', async () => {
    await expectStillDecodes('pydicom/MR_small_jp2klossless.dcm', 2, 10);
  });

  it('dcmjs-codecs still decodes a valid 12-bit JPEG after 40 failures on a 64-byte fragment', async () => {
    await expectStillDecodes('pydicom/JPGExtended.dcm', 64, 40);
  });
});
