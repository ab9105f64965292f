import type { ImageVolume } from '@voxelhub/core';
import { encode } from 'fast-png';
import { type DisplayWindow, windowed } from './display-window.js';

/**
 * Slice (or frame) k of a case as an 8-bit PNG, as detection and segmentation models train on: greyscale
 * through the case's display window (MONOCHROME1 inverted, so that it looks as it does on a viewer), colour
 * kept as RGB. Only the first timepoint of a 4D image is drawn.
 */
export function planePng(volume: ImageVolume, k: number, window: DisplayWindow): Uint8Array {
  const [nx, ny] = volume.dims;
  const size = nx * ny;
  if (volume.samplesPerPixel === 3) {
    const rgb = new Uint8Array(size * 3);
    const start = k * size * 3;
    for (let i = 0; i < size * 3; i++)
      rgb[i] = Math.min(255, Math.max(0, Math.round(volume.data[start + i]!)));
    return encode({ width: nx, height: ny, data: rgb, depth: 8, channels: 3 });
  }
  const grey = new Uint8Array(size);
  const start = k * size;
  const invert = volume.photometricInterpretation === 'MONOCHROME1';
  for (let i = 0; i < size; i++) {
    const value = windowed(volume.data[start + i]!, window);
    grey[i] = invert ? 255 - value : value;
  }
  return encode({ width: nx, height: ny, data: grey, depth: 8, channels: 1 });
}
