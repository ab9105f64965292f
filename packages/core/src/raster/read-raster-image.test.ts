import { encode as encodePng } from 'fast-png';
import jpeg from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { ImageReadError } from '../errors/image-read-error.js';
import { assertValidImage } from '../volume/image-volume.js';
import { readRasterImage } from './read-raster-image.js';

/** Deterministic pseudo-random numbers in [0, 1) (a 32-bit LCG), so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

describe('readRasterImage on damaged files', () => {
  const [w, h] = [24, 16];
  const rgba = new Uint8Array(w * h * 4).map((_, i) => (i * 7) & 0xff);
  const samples = {
    png: encodePng({ width: w, height: h, data: rgba, channels: 4, depth: 8 }),
    jpeg: new Uint8Array(jpeg.encode({ data: rgba, width: w, height: h }, 90).data),
  };

  // Every damaged file must either read as a valid image or throw ImageReadError — never another
  // error, never a hang — and a TypeError behind it would be a bug of ours, not of the file.
  for (const [name, good] of Object.entries(samples)) {
    it(`reads or refuses cleanly 400 randomly damaged ${name} files`, async () => {
      const next = random(name.length);
      for (let n = 0; n < 400; n++) {
        const bytes = Uint8Array.from(good);
        for (let k = 1 + Math.floor(next() * 4); k > 0; k--)
          bytes[Math.floor(next() * bytes.length)] = next() * 256;
        const input = next() < 0.3 ? bytes.subarray(0, Math.floor(next() * bytes.length)) : bytes;
        try {
          assertValidImage(await readRasterImage(input, { file: 'fuzz' }));
        } catch (error) {
          expect(error).toBeInstanceOf(ImageReadError);
          expect((error as ImageReadError).cause).not.toBeInstanceOf(TypeError);
          expect((error as ImageReadError).file).toBe('fuzz');
        }
      }
    });
  }
});
