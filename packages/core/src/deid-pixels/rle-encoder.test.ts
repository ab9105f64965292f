import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { PixelModule } from '../dicom/pixel/pixel-module.js';
import { decodeRleFrame } from '../dicom/pixel/rle-decoder.js';
import { buildPart10, monochromeElements, withElements } from '../dicom/pixel/test-dataset.js';
import { encodeRleFrame } from './rle-encoder.js';

const work = mkdtempSync(join(tmpdir(), 'voxelhub-rle-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function module(rows: number, columns: number, samplesPerPixel: number, bits: 8 | 16): PixelModule {
  return {
    rows,
    columns,
    samplesPerPixel,
    bitsAllocated: bits,
    bitsStored: bits,
    highBit: bits - 1,
    pixelRepresentation: 0,
    planarConfiguration: 0,
    photometricInterpretation: samplesPerPixel === 3 ? 'RGB' : 'MONOCHROME2',
    numberOfFrames: 1,
  };
}

/** Rows that exercise PackBits: runs longer than 128, literals longer than 128, runs of 2, single bytes. */
function testRows(columns: number, rows: number, samples: number): number[] {
  const values: number[] = [];
  for (let y = 0; y < rows; y++)
    for (let x = 0; x < columns; x++)
      for (let s = 0; s < samples; s++) {
        if (y === 0)
          values.push(7); // one run across the whole row
        else if (y === 1)
          values.push((x * 37 + s) % 251); // no two neighbours equal
        else if (y === 2)
          values.push(Math.floor(x / 2) % 2 ? 300 + s : 5); // runs of 2
        else values.push(x % 3 === 0 ? 1000 : x + s); // runs of 1 between literals
      }
  return values;
}

/** Native little-endian bytes of the same samples, what decodeRleFrame returns. */
function nativeBytes(values: number[], bits: 8 | 16): Uint8Array {
  return bits === 8
    ? Uint8Array.from(values, (v) => v & 0xff)
    : new Uint8Array(Uint16Array.from(values).buffer);
}

describe('encodeRleFrame', () => {
  it.each([
    [1, 8],
    [1, 16],
    [3, 8],
    [3, 16],
  ] as const)('round-trips %i sample(s) of %i bits through core’s RLE decoder', (samples, bits) => {
    const m = module(4, 300, samples, bits);
    const values = testRows(300, 4, samples).map((v) => (bits === 8 ? v & 0xff : v));
    const frame = bits === 8 ? Uint8Array.from(values) : Uint16Array.from(values);
    const encoded = encodeRleFrame(frame, m);
    expect(new DataView(encoded.buffer).getUint32(0, true)).toBe((samples * bits) / 8);
    expect(decodeRleFrame(encoded, m)).toEqual(nativeBytes(values, bits));
  });

  it.runIf(
    execFileSync('sh', ['-c', 'command -v /usr/bin/python3 || true'], { encoding: 'utf8' }).trim() !== '',
  )('gives frames pydicom decodes to the same values', () => {
    const m = module(4, 300, 3, 16);
    const values = testRows(300, 4, 3);
    const file = join(work, 'rle.dcm');
    const elements = withElements(monochromeElements(4, 300, 16), [
      [0x00280002, 'US', [3]],
      [0x00280004, 'CS', 'RGB'],
      [0x00280006, 'US', [0]],
      [0x7fe00010, 'OB', { fragments: [encodeRleFrame(Uint16Array.from(values), m)] }],
    ]);
    writeFileSync(file, buildPart10(elements, '1.2.840.10008.1.2.5'));
    const script =
      'import sys, pydicom; print(",".join(map(str, pydicom.dcmread(sys.argv[1]).pixel_array.ravel())))';
    const decoded = execFileSync('/usr/bin/python3', ['-c', script, file], { encoding: 'utf8' });
    expect(decoded.trim().split(',').map(Number)).toEqual(values);
  });
});
