/**
 * crc32_combine from zlib 1.2.12 (crc32.c, multmodp/x2nmodp): the CRC-32 of A‖B from crc(A), crc(B)
 * and B's length, so that workers can each checksum their own part. Node's zlib exposes crc32 but
 * not this.
 */
const POLY = 0xedb88320;

/** a·b modulo the CRC polynomial (bit-reflected). */
function multmodp(a: number, b: number): number {
  let m = 0x80000000;
  let p = 0;
  let x = b;
  for (;;) {
    if (a & m) {
      p ^= x;
      if ((a & (m - 1)) === 0) break;
    }
    m >>>= 1;
    x = x & 1 ? (x >>> 1) ^ POLY : x >>> 1;
  }
  return p >>> 0;
}

/** X2N[k] = x^(2^k) modulo the polynomial. */
const X2N = (() => {
  const table = new Array<number>(32);
  let p = 1 << 30; // x^1
  table[0] = p;
  for (let k = 1; k < 32; k++) table[k] = p = multmodp(p, p);
  return table;
})();

/** x^(n·2^k) modulo the polynomial; n up to 2^53. */
function x2nmodp(n: number, k: number): number {
  let p = 0x80000000; // x^0
  let rest = n;
  let i = k;
  while (rest > 0) {
    if (rest % 2 === 1) p = multmodp(X2N[i & 31]!, p);
    rest = Math.floor(rest / 2);
    i++;
  }
  return p;
}

export function crc32Combine(crc1: number, crc2: number, length2: number): number {
  return (multmodp(x2nmodp(length2, 3), crc1) ^ crc2) >>> 0;
}
