import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compressCocoRleCounts, decompressCocoRleCounts } from './coco-rle-string.js';

/*
 * Expected strings are worked by hand from pycocotools' maskApi.c rleToString:
 *
 *   x = cnts[i]; if (i > 2) x -= cnts[i-2];
 *   do { c = x & 0x1f; x >>= 5; more = (c & 0x10) ? x != -1 : x != 0; if (more) c |= 0x20; out(c + 48); }
 *
 * i.e. counts 0, 1 and 2 are written as they are and later ones as the difference from the count two before,
 * each as 5-bit chunks, low first, plus 48, with 0x20 on all but the last chunk.
 */
describe('compressed COCO RLE counts, hand-worked', () => {
  it.each([
    // [0, 6] (a 2×3 mask, all foreground): 0 → '0' (48); 6 → 6 + 48 = '6'.
    { counts: [0, 6], text: '06' },
    // [3, 10, 2, 1]: 3 → '3'; 10 → ':' (58); 2 is count 2, still raw → '2' (a delta from count 0 would be
    // −1 → 'O'); count 3 is 1 − 10 = −9: −9 & 31 = 23 (0b10111), x >>= 5 gives −1 and 23 has the sign bit, so it
    // is the last chunk: 23 + 48 = 'G'.
    { counts: [3, 10, 2, 1], text: '3:2G' },
    // [0, 1000, 5, 1]: '0'; 1000 = 31·32 + 8: chunk 8, x = 31 ≠ 0 → 8|32 + 48 = 'X'; chunk 31, x = 0, but 31 has
    // the sign bit so a reader would see −1: one more chunk → 31|32 + 48 = 'o', then chunk 0 → '0'. Count 2: 5 →
    // '5'. Count 3: 1 − 1000 = −999 = −32·32 + 25: chunk 25, x = −32 ≠ −1 → 25|32 + 48 = 'i'; chunk 0, x = −1,
    // no sign bit so x ≠ 0 continues → 0|32 + 48 = 'P'; chunk 31, x = −1, sign bit → last: 31 + 48 = 'O'.
    { counts: [0, 1000, 5, 1], text: '0Xo05iPO' },
  ])('$counts → $text', ({ counts, text }) => {
    expect(compressCocoRleCounts(counts)).toBe(text);
    expect(decompressCocoRleCounts(text)).toEqual(counts);
  });

  it('matches a string pycocotools printed for a 100×100 mask with mask[:50, 50:] set', () => {
    // Published output of pycocotools' mask.encode, quoted in CommuniCityProject/communicity_toolbox,
    // toolbox/Structures/README.md (SegmentationMask example): b'Xl4b1b1' followed by 98 zeros.
    // By hand: column-major, columns 0–49 are background (5000 pixels), then each of columns 50–99 holds 50
    // foreground rows then 50 background ones: counts [5000, 50, 50, …] with 101 counts. 5000 = 156·32 + 8 →
    // 'X' (8|32 + 48), 156 = 4·32 + 28 → 'l' (28 has the sign bit, so continue: 28|32 + 48), 4 → '4'.
    // 50 = 32 + 18 → 'b' (18 has the sign bit: 18|32 + 48) then '1'; twice (counts 1 and 2 are raw);
    // counts 3–100 are 50 − 50 = 0 → '0'.
    const counts = [5000, ...Array.from({ length: 100 }, () => 50)];
    const published = `Xl4b1b1${'0'.repeat(98)}`;
    expect(compressCocoRleCounts(counts)).toBe(published);
    expect(decompressCocoRleCounts(published)).toEqual(counts);
  });
});

describe('compressed COCO RLE counts, properties', () => {
  it('decompresses what it compresses', () => {
    const counts = fc.array(fc.integer({ min: 0, max: 2 ** 31 }), { maxLength: 60 });
    fc.assert(
      fc.property(counts, (list) => {
        expect(decompressCocoRleCounts(compressCocoRleCounts(list))).toEqual(list);
      }),
    );
  });

  it('writes only the characters 0…o', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 30 }), (list) => {
        expect(compressCocoRleCounts(list)).toMatch(/^[0-o]*$/);
      }),
    );
  });
});

describe('compressed COCO RLE counts, bad input', () => {
  it.each([
    { text: 'p', message: /only '0'…'o'/ },
    { text: ' ', message: /only '0'…'o'/ },
    { text: 'X', message: /middle of a value/ },
    // Counts 2, 1, 1, then 'N' (30: sign bit set, so 30 − 32 = −2) added to count 1 gives −1: a negative run.
    { text: '211N', message: /negative run/ },
  ])('rejects $text', ({ text, message }) => {
    expect(() => decompressCocoRleCounts(text)).toThrow(RangeError);
    expect(() => decompressCocoRleCounts(text)).toThrow(message);
  });

  it('rejects a negative or fractional count', () => {
    expect(() => compressCocoRleCounts([1, -2])).toThrow(RangeError);
    expect(() => compressCocoRleCounts([1.5])).toThrow(RangeError);
  });
});
