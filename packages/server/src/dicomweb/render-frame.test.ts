import { readFileSync } from 'node:fs';
import { parseDicom, readPixelModule } from '@voxelhub/core';
import { zlibInflateRaw } from '@voxelhub/core/node';
import jpeg from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { renderFrame } from './render-frame.js';

const CT_SMALL = new URL('../../../../../shared/testdata/pydicom/CT_small.dcm', import.meta.url);
const RGB = new URL('../../../../../shared/testdata/pydicom/SC_rgb_rle.dcm', import.meta.url);

async function renderedJpeg(url: URL) {
  const parsed = parseDicom(new Uint8Array(readFileSync(url)), {
    file: url.pathname,
    inflateRaw: zlibInflateRaw,
  });
  const module = readPixelModule(parsed.dataSet);
  const bytes = await renderFrame(parsed, module, 0, { window: undefined, type: 'image/jpeg', quality: 100 });
  const png = await renderFrame(parsed, module, 0, { window: undefined, type: 'image/png', quality: 100 });
  return { jpeg: jpeg.decode(bytes, { useTArray: true }), png };
}

describe('renderFrame as JPEG', () => {
  it('keeps a greyscale image grey: R, G and B of each pixel within JPEG rounding', async () => {
    // It once took G from the previous pixel, which fringed every edge with magenta and green.
    const { jpeg: image } = await renderedJpeg(CT_SMALL);
    let worst = 0;
    for (let o = 0; o < image.data.length; o += 4) {
      const [r, g, b] = [image.data[o]!, image.data[o + 1]!, image.data[o + 2]!];
      worst = Math.max(worst, Math.abs(r - g), Math.abs(r - b));
    }
    expect(image.width).toBe(128);
    expect(worst).toBeLessThanOrEqual(2);
  });

  it('keeps the channels of a colour image apart', async () => {
    const { jpeg: image } = await renderedJpeg(RGB);
    // SC_rgb has pure red, green and blue bands: some pixel must be far redder than it is green.
    let redder = 0;
    for (let o = 0; o < image.data.length; o += 4)
      redder = Math.max(redder, image.data[o]! - image.data[o + 1]!);
    expect(redder).toBeGreaterThan(200);
  });
});
