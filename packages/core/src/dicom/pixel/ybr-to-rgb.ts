const f = Math.fround;

// pydicom's _convert_YBR_FULL_to_RGB matrix (ITU T.871), which it holds in float32.
const CR_TO_R = f(1.402);
const CB_TO_G = f((-0.114 * 1.772) / 0.587);
const CR_TO_G = f((-0.299 * 1.402) / 0.587);
const CB_TO_B = f(1.772);

function clampRound(x: number): number {
  const v = Math.floor(f(x + 0.5));
  return Math.min(Math.max(v, 0), 255);
}

/**
 * Converts 8-bit interleaved YBR_FULL to RGB in place, with pydicom's convert_color_space arithmetic:
 * a float32 matrix product, round half up, clip to 0..255. NumPy's float32 matmul accumulates with fused
 * multiply-adds (one rounding per term), which the float64 products below reproduce: this matches
 * pydicom 2.3 on all 2^24 inputs (checked once, exhaustively, on x86-64).
 */
export function ybrFullToRgbInPlace(samples: Uint8Array): void {
  for (let i = 0; i + 2 < samples.length; i += 3) {
    const y = samples[i]!;
    const cb = samples[i + 1]! - 128;
    const cr = samples[i + 2]! - 128;
    samples[i] = clampRound(f(y + cr * CR_TO_R));
    samples[i + 1] = clampRound(f(f(y + cb * CB_TO_G) + cr * CR_TO_G));
    samples[i + 2] = clampRound(f(y + cb * CB_TO_B));
  }
}
