import { spawnSync } from 'node:child_process';
import zlib from 'node:zlib';
import { gunzipSync as fflateGunzip } from 'fflate';
import { describe, expect, it } from 'vitest';
import { crc32Combine } from './crc32-combine.js';
import { gzipParallel, gzipParallelChunks } from './gzip-parallel.js';

/** Image-like bytes: smooth int16 ramps with noise, compressible about 2–3×, like an MR volume. */
function imageLike(length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let seed = 7;
  for (let i = 0; i + 1 < length; i += 2) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    const v = 800 + ((i >> 9) % 400) + (seed % 64);
    bytes[i] = v & 0xff;
    bytes[i + 1] = v >> 8;
  }
  return bytes;
}

const hasGzip = spawnSync('gzip', ['--version']).status === 0;

function expectValidSingleMember(gz: Uint8Array, original: Uint8Array): void {
  expect(Buffer.compare(zlib.gunzipSync(gz), original)).toBe(0);
  // fflate reads only the first member: the whole input back means there is exactly one.
  expect(Buffer.compare(Buffer.from(fflateGunzip(gz)), original)).toBe(0);
  if (hasGzip) {
    const check = spawnSync('gzip', ['-t'], { input: gz });
    expect(check.stderr.toString()).toBe('');
    expect(check.status).toBe(0);
  }
}

describe('crc32Combine', () => {
  it('equals zlib.crc32 of the concatenation', () => {
    const data = imageLike(200_003);
    for (const cut of [0, 1, 4096, 65_536, 199_999, 200_003]) {
      const a = data.subarray(0, cut);
      const b = data.subarray(cut);
      expect(crc32Combine(zlib.crc32(a), zlib.crc32(b), b.length)).toBe(zlib.crc32(data));
    }
  });
});

describe('gzipParallel', () => {
  const big = imageLike((11 << 20) + 12_345); // 11 parts, the last one short

  it('makes one gzip member that zlib, fflate and gzip -t all read whole', async () => {
    if (!hasGzip) console.warn('gzip not installed: skipping gzip -t');
    const before = Buffer.from(big);
    const gz = await gzipParallel(big, { threads: 3 });
    expectValidSingleMember(gz, big);
    expect(Buffer.compare(Buffer.from(big), before)).toBe(0); // input untouched, not detached
    // With the 32 KB dictionary the parallel stream is within 1% of a single-threaded one.
    const single = zlib.gzipSync(big).length;
    expect(Math.abs(gz.length - single) / single).toBeLessThan(0.01);
  });

  it('levels 1 and 9, one thread, and a length that is a whole number of parts', async () => {
    const exact = big.subarray(0, 5 << 20);
    for (const [level, threads] of [
      [1, 2],
      [9, 1],
    ] as const) {
      const gz = await gzipParallel(exact, { level, threads });
      expect(gz[8]).toBe(level === 9 ? 2 : 4); // XFL
      expectValidSingleMember(gz, exact);
    }
  });

  it('small inputs go through zlib.gzipSync', async () => {
    for (const small of [new Uint8Array(0), big.subarray(0, 1000)]) {
      expectValidSingleMember(await gzipParallel(small), small);
    }
  });

  it('refuses a bad level', async () => {
    await expect(gzipParallel(big, { level: 12 })).rejects.toThrow(RangeError);
  });

  it('reads several arrays as one stream and returns chunks that join into one member', async () => {
    const whole = new Uint8Array(9 * 1024 * 1024).map((_, i) => (i * 7919) % 251);
    const pieces = [whole.subarray(0, 352), whole.subarray(352, 5_000_000), whole.subarray(5_000_000)];
    const chunks = await gzipParallelChunks(pieces, { threads: 2 });
    const joined = Buffer.concat(chunks);
    // Buffer.equals, not toEqual: a deep comparison of 9 MB takes vitest minutes.
    expect(zlib.gunzipSync(joined).equals(whole)).toBe(true);
    // One member: fflate reads only the first member, so reading it whole proves there is one.
    expect(Buffer.from(fflateGunzip(new Uint8Array(joined))).equals(whole)).toBe(true);
  });
});
