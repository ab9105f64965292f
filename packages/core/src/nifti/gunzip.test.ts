import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ImageReadError } from '../errors/image-read-error.js';
import { crc32 } from './crc32.js';
import { gunzipAll, isGzip, maybeGunzip } from './gunzip.js';

const data = new Uint8Array(300_001).map((_, i) => (i * 31) ^ (i >> 7));
const same = (a: Uint8Array, b: Uint8Array) => Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;

describe('crc32', () => {
  it('equals zlib.crc32, also when continued', () => {
    expect(crc32(data)).toBe(zlib.crc32(data));
    expect(crc32(data.subarray(7), crc32(data.subarray(0, 7)))).toBe(zlib.crc32(data));
    expect(crc32(new Uint8Array(0))).toBe(0);
  });
});

describe('gunzipAll (fflate, every member)', () => {
  it('one member', () => {
    expect(same(gunzipAll(zlib.gzipSync(data)), data)).toBe(true);
  });

  it('three members, the last larger or smaller than the first', () => {
    for (const cuts of [
      [1000, 2000],
      [250_000, 260_000],
    ]) {
      const [a, b] = cuts as [number, number];
      const gz = Buffer.concat([
        zlib.gzipSync(data.subarray(0, a)),
        zlib.gzipSync(data.subarray(a, b)),
        zlib.gzipSync(data.subarray(b)),
      ]);
      expect(same(gunzipAll(gz), data)).toBe(true);
    }
  });

  it('a corrupt member fails instead of returning wrong bytes', () => {
    const gz = zlib.gzipSync(data);
    gz[gz.length - 5] = gz[gz.length - 5]! ^ 1; // CRC
    expect(() => gunzipAll(gz)).toThrow(ImageReadError);
  });

  it('maybeGunzip passes other bytes through and reports failures as ImageReadError', () => {
    expect(maybeGunzip(data)).toBe(data);
    expect(isGzip(zlib.gzipSync(data))).toBe(true);
    expect(() => maybeGunzip(new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0]))).toThrow(ImageReadError);
    expect(() =>
      maybeGunzip(zlib.gzipSync(data), {
        gunzip: () => {
          throw new Error('boom');
        },
      }),
    ).toThrow(/gzip: boom/);
  });
});
