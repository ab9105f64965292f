import { readFileSync } from 'node:fs';
import dicomParser, { type DataSet } from 'dicom-parser';
import { describe, expect, it } from 'vitest';
import { decodeAllFrames } from './decode-frame.js';
import { encapsulatedFrames } from './encapsulated-frames.js';

const TESTDATA = new URL('../../../../../../shared/testdata/', import.meta.url);
const J2K_LOSSLESS = '1.2.840.10008.1.2.4.90';

function item(tag: number, payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(8 + payload.length);
  const view = new DataView(out.buffer);
  view.setUint16(0, 0xfffe, true);
  view.setUint16(2, tag, true);
  view.setUint32(4, payload.length, true);
  out.set(payload, 8);
  return out;
}

/**
 * The same file with its Pixel Data re-encapsulated: `split(frame)` gives the fragments of each original
 * frame, `offsets` the Basic Offset Table (empty when omitted). Everything after Pixel Data is dropped.
 */
function reencapsulate(
  file: string,
  split: (frame: Uint8Array) => Uint8Array[],
  offsets: (fragments: Uint8Array[][]) => number[] = () => [],
): DataSet {
  const bytes = new Uint8Array(readFileSync(new URL(file, TESTDATA)));
  const original = dicomParser.parseDicom(bytes);
  const element = original.elements.x7fe00010!;
  const frames = element.fragments!.map((f) => split(bytes.slice(f.position, f.position + f.length)));
  const table = offsets(frames);
  const bot = new Uint8Array(table.length * 4);
  table.forEach((o, i) => new DataView(bot.buffer).setUint32(i * 4, o, true));
  const parts = [bytes.subarray(0, element.dataOffset), item(0xe000, bot)];
  for (const fragment of frames.flat()) parts.push(item(0xe000, fragment));
  parts.push(item(0xe0dd, new Uint8Array(0)));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return dicomParser.parseDicom(out);
}

/** Splits a codestream at an even byte count, keeping fragments of even length. */
const halves = (frame: Uint8Array) => {
  const middle = (frame.length >> 2) * 2;
  return [frame.subarray(0, middle), frame.subarray(middle)];
};

/** Basic Offset Table offsets of the first fragment of each frame (8-byte item headers included). */
function frameOffsets(frames: Uint8Array[][]): number[] {
  const offsets: number[] = [];
  let at = 0;
  for (const fragments of frames) {
    offsets.push(at);
    for (const f of fragments) at += 8 + f.length;
  }
  return offsets;
}

describe('encapsulated frames', () => {
  const file = 'pydicom-data/emri_small_jpeg_2k_lossless.dcm';

  it('several fragments per frame and an empty offset table: frames found by their SOC marker', async () => {
    const reference = await decodeAllFrames(
      dicomParser.parseDicom(readFileSync(new URL(file, TESTDATA))),
      J2K_LOSSLESS,
    );
    const dataSet = reencapsulate(file, halves);
    expect(dataSet.elements.x7fe00010!.fragments).toHaveLength(20);
    expect(encapsulatedFrames(dataSet, 10).frames[3]).toEqual({ first: 6, count: 2 });
    const pixels = (await decodeAllFrames(dataSet, J2K_LOSSLESS)).pixels;
    // toEqual on typed arrays is slow; compare element by element.
    expect(pixels).toBeInstanceOf(Uint16Array);
    expect(pixels.length).toBe(reference.pixels.length);
    expect(pixels.findIndex((v, i) => v !== reference.pixels[i])).toBe(-1);
  });

  it('uses a Basic Offset Table that lands on fragment starts', () => {
    const dataSet = reencapsulate(file, (frame) => [frame], frameOffsets);
    expect(dataSet.elements.x7fe00010!.basicOffsetTable).toHaveLength(10);
    expect(encapsulatedFrames(dataSet, 10).frames[9]).toEqual({ first: 9, count: 1 });
  });

  it('falls back from a Basic Offset Table that points between fragments', () => {
    const dataSet = reencapsulate(file, halves, (frames) =>
      frameOffsets(frames).map((o, i) => (i === 4 ? o + 2 : o)),
    );
    expect(encapsulatedFrames(dataSet, 10).frames[4]).toEqual({ first: 8, count: 2 });
  });

  it('one frame in four fragments (RG3_J2KI, empty offset table)', () => {
    const dataSet = dicomParser.parseDicom(readFileSync(new URL('pydicom-data/RG3_J2KI.dcm', TESTDATA)));
    expect(encapsulatedFrames(dataSet, 1).frames).toEqual([{ first: 0, count: 4 }]);
  });

  it('too few fragments for the frames is MALFORMED', () => {
    const dataSet = reencapsulate(file, (frame) =>
      frame[0] === 0xff && frame.length === 3814 ? [] : [frame],
    );
    expect(() => encapsulatedFrames(dataSet, 10)).toThrow(
      expect.objectContaining({
        code: 'MALFORMED',
        message: expect.stringMatching(/9 Pixel Data fragments .* 10 frames/),
      }),
    );
  });
});
