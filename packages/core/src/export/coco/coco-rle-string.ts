/**
 * The compressed form of COCO RLE counts, as pycocotools writes it (maskApi.c, rleToString / rleFrString).
 *
 * Each count becomes a little-endian run of 5-bit chunks, one printable character per chunk: the chunk plus
 * 48 (so '0'…'o'), with 0x20 set on every chunk but the last. Counts are signed: the last chunk's 0x10 bit is
 * the sign, and a value ends once the remaining bits are all copies of that sign (like LEB128). The twist:
 * counts 0, 1 and 2 are stored as they are, and every later count i as the difference count[i] − count[i − 2]
 * (maskApi.c's `if(i>2) x -= cnts[i-2]`), which keeps long masks of similar runs short.
 */

const CHUNK = 32;
const OFFSET = 48;
const MORE = 0x20;
const SIGN = 0x10;

function encodeSigned(value: number, out: string[]): void {
  let x = value;
  for (;;) {
    const chunk = ((x % CHUNK) + CHUNK) % CHUNK;
    // Floor division is maskApi.c's arithmetic `x >>= 5`, without JavaScript's 32-bit limit on `>>`.
    x = Math.floor(x / CHUNK);
    const more = chunk & SIGN ? x !== -1 : x !== 0;
    out.push(String.fromCharCode((more ? chunk | MORE : chunk) + OFFSET));
    if (!more) return;
  }
}

/** The compressed string of uncompressed counts (non-negative integers, first run background). */
export function compressCocoRleCounts(counts: readonly number[]): string {
  const out: string[] = [];
  counts.forEach((count, i) => {
    if (!Number.isInteger(count) || count < 0)
      throw new RangeError(`RLE count ${i} must be a non-negative integer, not ${count}`);
    encodeSigned(i > 2 ? count - counts[i - 2]! : count, out);
  });
  return out.join('');
}

/** The counts of a compressed string; throws a RangeError on a character outside '0'…'o' or a cut-off value. */
export function decompressCocoRleCounts(text: string): number[] {
  const counts: number[] = [];
  let p = 0;
  while (p < text.length) {
    let x = 0;
    let scale = 1;
    for (;;) {
      if (p >= text.length) throw new RangeError('compressed RLE counts end in the middle of a value');
      const code = text.charCodeAt(p) - OFFSET;
      if (code < 0 || code > 63)
        throw new RangeError(`compressed RLE counts hold ${JSON.stringify(text[p])} at ${p}; only '0'…'o'`);
      p++;
      x += (code & 0x1f) * scale;
      scale *= CHUNK;
      if (code & MORE) continue;
      if (code & SIGN) x -= scale; // sign-extend: every bit above the chunks read is 1
      break;
    }
    const i = counts.length;
    const count = i > 2 ? x + counts[i - 2]! : x;
    if (count < 0) throw new RangeError(`compressed RLE count ${i} decodes to ${count}, a negative run`);
    counts.push(count);
  }
  return counts;
}
