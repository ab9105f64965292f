import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ImageReadError } from '../errors/image-read-error.js';
import { readPng } from '../raster/read-png.js';
import { readTestdata } from '../test-support/shared-data.js';
import { cleanPng, IDENTIFYING, identifyingPng } from './identifying-rasters.fixture.js';
import { mrSlice } from './mr-slice.fixture.js';
import { readPngChunks, writePngChunks } from './png-chunks.js';
import { scrubPng } from './scrub-png.js';

const slice = mrSlice(readTestdata('dcm_qa_ts/Ref/1.nii'));
const contains = (bytes: Uint8Array, text: string) =>
  Buffer.from(bytes).includes(Buffer.from(text, 'latin1'));
const sameBytes = (a: ArrayBufferView, b: ArrayBufferView) =>
  Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));

function failure(bytes: Uint8Array): ImageReadError {
  try {
    scrubPng(bytes);
  } catch (error) {
    if (error instanceof ImageReadError) return error;
    throw error;
  }
  throw new Error('scrubPng accepted the input');
}

describe('scrubPng', () => {
  it.each([
    ['16-bit', cleanPng(slice.grey16, slice.width, slice.height)],
    ['8-bit', cleanPng(slice.grey8, slice.width, slice.height)],
  ])('%s MR slice: every text chunk, EXIF and trailer gone, pixels identical', (_, clean) => {
    const input = identifyingPng(clean);
    for (const s of IDENTIFYING) expect(contains(input, s), s).toBe(true);
    expect(sameBytes(readPng(input).data, readPng(clean).data)).toBe(true); // the fixture is a valid PNG
    const { bytes, report } = scrubPng(input);
    for (const s of IDENTIFYING) expect(contains(bytes, s), s).toBe(false);
    expect(report).toEqual({
      format: 'PNG',
      removedChunks: ['tEXt', 'zTXt', 'iTXt', 'eXIf', 'tIME', 'prVt'].map((type) => ({ type, count: 1 })),
      iccProfileRenamed: true,
      trailingBytes: 'John Smith'.length,
    });
    const scrubbed = readPng(bytes);
    expect(sameBytes(scrubbed.data, readPng(clean).data)).toBe(true);
    expect(scrubbed.spacing).toEqual(readPng(input).spacing); // pHYs kept
    const chunks = readPngChunks(bytes).chunks;
    expect(chunks.map((c) => c.type).filter((t) => t !== 'IDAT')).toEqual(['IHDR', 'iCCP', 'pHYs', 'IEND']);
    const idat = (png: Uint8Array) => readPngChunks(png).chunks.filter((c) => c.type === 'IDAT');
    expect(idat(bytes).every((c, i) => sameBytes(c.data, idat(clean)[i]!.data))).toBe(true);
  });

  it('leaves a PNG with nothing to remove byte-identical', () => {
    const clean = cleanPng(slice.grey8, slice.width, slice.height);
    const { bytes, report } = scrubPng(clean);
    expect(sameBytes(bytes, clean)).toBe(true);
    expect(report.removedChunks).toEqual([]);
  });

  it('names what is wrong with input that is not a whole PNG', () => {
    const png = identifyingPng(cleanPng(slice.grey8, slice.width, slice.height));
    expect(failure(new TextEncoder().encode('GIF89a not a png')).message).toMatch(/PNG signature/);
    expect(failure(png.subarray(0, 50)).message).toMatch(
      /PNG chunk tEXt at byte 33 declares 15 bytes; the file ends at 50/,
    );
    const cut = png.subarray(0, png.length - 'John Smith'.length - 12);
    expect(failure(cut).message).toMatch(/before its IEND chunk/);
    const corrupt = png.slice();
    corrupt[45] = corrupt[45]! ^ 0xff; // inside the first spliced chunk (tEXt)
    expect(failure(corrupt).message).toMatch(/PNG chunk tEXt at byte 33 fails its CRC check/);
    const critical = png.slice();
    critical.set([0x41, 0x42, 0x43, 0x44], 37); // rename tEXt to ABCD (and its CRC no longer matches)
    expect(failure(critical).code).toBe('MALFORMED');
  });

  it('refuses an unknown critical chunk rather than dropping it', () => {
    const clean = cleanPng(slice.grey8, slice.width, slice.height);
    const chunks = readPngChunks(clean).chunks;
    const withCritical = [chunks[0]!, { type: 'ZZZZ', data: new Uint8Array(4) }, ...chunks.slice(1)];
    expect(failure(writePngChunks(withCritical)).message).toMatch(/unknown critical chunk ZZZZ/);
  });
});

const PYTHON = '/usr/bin/python3';
// Python's own zlib, independent of fflate and fast-png: every CRC valid, chunk types, and the
// inflated IDAT stream (the filtered scanlines) equal to the clean PNG's.
const CHECK = `
import sys, struct, zlib, json
def chunks(path):
    b = open(path, 'rb').read(); assert b[:8] == b'\\x89PNG\\r\\n\\x1a\\n'; i = 8; out = []
    while i < len(b):
        n, t = struct.unpack('>I4s', b[i:i+8]); d = b[i+8:i+8+n]
        assert struct.unpack('>I', b[i+8+n:i+12+n])[0] == zlib.crc32(t + d), t
        out.append((t.decode(), d)); i += 12 + n
    return out
a, b = chunks(sys.argv[1]), chunks(sys.argv[2])
idat = lambda c: zlib.decompress(b''.join(d for t, d in c if t == 'IDAT'))
print(json.dumps(dict(types=sorted({t for t, _ in b}), same=idat(a) == idat(b), last=b[-1][0])))
`;
const hasPython = spawnSync(PYTHON, ['-c', 'import zlib'], { encoding: 'utf8' }).status === 0;

describe.skipIf(!hasPython)('scrubbed PNG checked by Python zlib', () => {
  it('has valid CRCs, only kept chunks, and the same inflated scanlines', () => {
    const dir = mkdtempSync(join(tmpdir(), 'voxelhub-scrub-png-'));
    try {
      const clean = cleanPng(slice.grey16, slice.width, slice.height);
      writeFileSync(join(dir, 'clean.png'), clean);
      writeFileSync(join(dir, 'scrubbed.png'), scrubPng(identifyingPng(clean)).bytes);
      const run = spawnSync(PYTHON, ['-c', CHECK, join(dir, 'clean.png'), join(dir, 'scrubbed.png')], {
        encoding: 'utf8',
      });
      expect(run.stderr).toBe('');
      expect(JSON.parse(run.stdout)).toEqual({
        types: ['IDAT', 'IEND', 'IHDR', 'iCCP', 'pHYs'],
        same: true,
        last: 'IEND',
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
