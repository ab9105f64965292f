import type { PixelModule } from '../dicom/pixel/pixel-module.js';

/**
 * The samples of a black pixel, as stored values, for samples in colour space `space` (the file's
 * Photometric Interpretation, or 'RGB' where a codec converted the colour):
 * - MONOCHROME2: the lowest value Bits Stored and Pixel Representation allow (below any window);
 * - MONOCHROME1, where high values are dark: the highest;
 * - PALETTE COLOR: the index of the palette's darkest entry (smallest R+G+B; index 0 is often not black);
 * - RGB: 0 0 0;
 * - YBR_FULL / YBR_FULL_422: Y 0 with neutral chroma (half range), which converts to RGB 0 0 0;
 *   YBR_PARTIAL_*: Y 16 (the foot of the partial range, scaled to Bits Stored) with neutral chroma.
 */
export function blackSamples(module: PixelModule, space: string): number[] {
  const bits = module.bitsStored;
  const signed = module.pixelRepresentation === 1;
  const min = signed ? -(2 ** (bits - 1)) : 0;
  const max = signed ? 2 ** (bits - 1) - 1 : 2 ** bits - 1;
  const neutral = 2 ** (bits - 1);
  switch (space) {
    case 'MONOCHROME1':
      return [max];
    case 'MONOCHROME2':
      return [min];
    case 'PALETTE COLOR':
      return [darkestPaletteIndex(module, min, max)];
    case 'RGB':
      return [0, 0, 0];
    case 'YBR_PARTIAL_422':
    case 'YBR_PARTIAL_420':
      return [16 * 2 ** (bits - 8), neutral, neutral];
    default:
      return [0, neutral, neutral];
  }
}

function darkestPaletteIndex(module: PixelModule, min: number, max: number): number {
  const palette = module.palette;
  if (!palette) return min;
  let best = 0;
  let bestSum = Number.POSITIVE_INFINITY;
  for (let i = 0; i < palette.numberOfEntries; i++) {
    const value = palette.firstMappedValue + i;
    const sum = (palette.red[i] ?? 0) + (palette.green[i] ?? 0) + (palette.blue[i] ?? 0);
    if (value >= min && value <= max && sum < bestSum) {
      best = value;
      bestSum = sum;
    }
  }
  return best;
}
