import { describe, expect, it } from 'vitest';
import { ImageReadError } from '../../errors/image-read-error.js';
import type { PixelModule } from './pixel-module.js';
import { decodeRleFrame } from './rle-decoder.js';

function header(offsets: number[]): Uint8Array {
  const out = new Uint8Array(64);
  const view = new DataView(out.buffer);
  view.setUint32(0, offsets.length, true);
  offsets.forEach((o, i) => view.setUint32(4 + 4 * i, o, true));
  return out;
}

const module16: PixelModule = {
  rows: 1,
  columns: 5,
  samplesPerPixel: 1,
  bitsAllocated: 16,
  bitsStored: 16,
  highBit: 15,
  pixelRepresentation: 0,
  planarConfiguration: 0,
  photometricInterpretation: 'MONOCHROME2',
  numberOfFrames: 1,
};

describe('decodeRleFrame', () => {
  it('decodes PackBits runs and literals, high-byte segment first, to little-endian samples', () => {
    // Segment 1 (high bytes): literal [1, 2] then a run of three 0x00. Segment 2 (low bytes): run of five 0xAB,
    // then a -128 no-op and a padding byte.
    const high = [1, 1, 2, 0xfe, 0];
    const low = [0xfc, 0xab, 0x80, 0];
    const frame = Uint8Array.from([...header([64, 64 + high.length]), ...high, ...low]);
    const out = decodeRleFrame(frame, module16);
    expect([...new Uint16Array(out.buffer)]).toEqual([0x01ab, 0x02ab, 0x00ab, 0x00ab, 0x00ab]);
  });

  it('refuses a segment offset inside the header', () => {
    const frame = Uint8Array.from([...header([10, 64]), 0, 0]);
    expect(() => decodeRleFrame(frame, module16)).toThrow(ImageReadError);
    expect(() => decodeRleFrame(frame, module16)).toThrow(/segment 1 has offset 10/);
  });
});
