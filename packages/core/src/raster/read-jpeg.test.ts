import jpeg from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { ImageReadError } from '../errors/image-read-error.js';
import { dataTypeOf } from '../volume/data-type.js';
import { assertValidImage, type ImageVolume } from '../volume/image-volume.js';
import type { JpegDecoder } from './libjpeg-turbo.js';
import { readRasterImage } from './read-raster-image.js';

/** The model's invariants, and a typed array that is exactly the data type it claims (not Uint8ClampedArray). */
function checkImage(image: ImageVolume): void {
  assertValidImage(image);
  expect(dataTypeOf(image.data)).toBe(image.dataType);
}

// Written once by Pillow 9.4 (Debian python3-pil, libjpeg62-turbo 2.1.5); the *_DECODED strings are
// Pillow's own decode of the same bytes (np.asarray(Image.open(...)).tobytes()), which libjpeg-turbo
// here must match exactly:
//   y, x = np.mgrid[0:8, 0:16]
//   grey: Image.fromarray((x*16 + y*8).astype(uint8), 'L').save(f, 'JPEG', quality=85)
//   colour: rgb[:, :8] = [200, 30, 40]; rgb[:, 8:] = [20, 60, 220]; rgb[..., 1] += y*10
//           Image.fromarray(rgb).save(f, 'JPEG', quality=85, progressive=True)   (4:2:0)
//   cmyk:   Image.fromarray(rgb).convert('CMYK').save(f, 'JPEG', quality=85)
const GREY_JPEG =
  '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAUDBAQEAwUEBAQFBQUGBwwIBwcHBw8LCwkMEQ8SEhEPERETFhwXExQaFRERGCEYGh0dHx8fExciJCIeJBweHx7/wAALCAAIABABAREA/8QAHwAAAQUBAQEBAQEAAAAAAAAAAAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUFBAQAAAF9AQIDAAQRBRIhMUEGE1FhByJxFDKBkaEII0KxwRVS0fAkM2JyggkKFhcYGRolJicoKSo0NTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4eXqDhIWGh4iJipKTlJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi4+Tl5ufo6erx8vP09fb3+Pn6/9oACAEBAAA/APOfg94b/wBT+79O1fZHwo0Fbe3SZ0wFGelf/9k=';
const GREY_DECODED =
  'ABEgL0FQYHCCjqCywNDj8gkZKThKWWl5i5epusjY6vgRITFAUWBwgZKfsMHQ4PH8GCg4R1lod4iZprfI2Oj3/yExQVBicICRoa/B0eLy/v8oOEhXaXiImKe2ydnp+P//MEBQX3F/j6Cwv9Hg7/z//DhJWGd5iJioucja6Pb///w=';
const COLOUR_JPEG =
  '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAUDBAQEAwUEBAQFBQUGBwwIBwcHBw8LCwkMEQ8SEhEPERETFhwXExQaFRERGCEYGh0dHx8fExciJCIeJBweHx7/2wBDAQUFBQcGBw4ICA4eFBEUHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh7/wgARCAAIABADASIAAhEBAxEB/8QAFgABAQEAAAAAAAAAAAAAAAAAAAQF/8QAFQEBAQAAAAAAAAAAAAAAAAAAAwT/2gAMAwEAAhADEAAAAcqMsT//xAAVEAEBAAAAAAAAAAAAAAAAAAAAE//aAAgBAQABBQKKL//EABoRAAAHAAAAAAAAAAAAAAAAAAACAwYjgcH/2gAIAQMBAT8BdSxorwf/xAAaEQAABwAAAAAAAAAAAAAAAAAAAgMGI4HB/9oACAECAQE/AWuqaWtH/8QAFBABAAAAAAAAAAAAAAAAAAAAEP/aAAgBAQAGPwI//8QAFRABAQAAAAAAAAAAAAAAAAAAAHH/2gAIAQEAAT8hlL//2gAMAwEAAgADAAAAEIP/xAAVEQEBAAAAAAAAAAAAAAAAAAAAQf/aAAgBAwEBPxC2/wD/xAAVEQEBAAAAAAAAAAAAAAAAAAAAQf/aAAgBAgEBPxCg/wD/xAAUEAEAAAAAAAAAAAAAAAAAAAAQ/9oACAEBAAE/EB//2Q==';
const COLOUR_DECODED =
  'wyIoxSInxyElxyElxyAoxiEoxiEnnSxXOjKrET3aET7ZED7ZDj/aDj/aET3aEj3ZxSkqxykqyigmyycmyicqyCgqyCgooDRYPDmsE0XcE0XaEkbaEEbeEEbeE0XcFUTaxzIryTIpyzEnyzEnyjEryTIryTIpoD1ZPUSuFU/eFVDcE1DcElDfE1DfFk/cF07cyD0qyD0ozDsozDsoyTwqyTwqyTwon0hYPk6tFVrcFVrbFFvbElveElveFlncFlnbxkcnxkcmykUmykUmx0Ynx0Ynx0YmnlJWPFirE2TaE2TZE2TZEGXaEGXcFGPaFGPZxlAoxlEmyk8lyk8lx1Aox1Aox1Amn1xWPGKrE23bE27ZE27ZEG/bEG/bFW3ZFW3ZyFopyFopzFgnzFgnyVkryVkpyVknoGVXP2ytFnjdFnjbFnjbE3neE3neF3fdF3fbymAsy2Aqzl8qzl8qzV8sy2AszV8qo2taQnKwGH7gGn7eGH/eF3/iF3/iGn7gG33e';
const CMYK_JPEG =
  '/9j/7gAOQWRvYmUAZAAAAAAA/9sAQwAFAwQEBAMFBAQEBQUFBgcMCAcHBwcPCwsJDBEPEhIRDxERExYcFxMUGhURERghGBodHR8fHxMXIiQiHiQcHh8e/8AAFAgACAAQBEMRAE0RAFkRAEsRAP/EAB8AAAEFAQEBAQEBAAAAAAAAAAABAgMEBQYHCAkKC//EALUQAAIBAwMCBAMFBQQEAAABfQECAwAEEQUSITFBBhNRYQcicRQygZGhCCNCscEVUtHwJDNicoIJChYXGBkaJSYnKCkqNDU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVmZ2hpanN0dXZ3eHl6g4SFhoeIiYqSk5SVlpeYmZqio6Slpqeoqaqys7S1tre4ubrCw8TFxsfIycrS09TV1tfY2drh4uPk5ebn6Onq8fLz9PX29/j5+v/aAA4EQwBNAFkASwAAPwD3OvGv+ER/6ZfpXzlX2XX5v12H/CI/9Mv0r9IKK//Z';

function fromBase64(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'base64'));
}

/** A smooth 40×24 RGB gradient, encoded by jpeg-js (pure JS, 4:4:4) — a second, independent encoder. */
function gradient(): { rgb: number[]; jpeg: Uint8Array } {
  const [w, h] = [40, 24];
  const rgba = new Uint8Array(w * h * 4);
  const rgb: number[] = [];
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const pixel = [20 + x * 5, 30 + y * 8, 200 - x * 2 - y * 3];
      rgb.push(...pixel);
      rgba.set([...pixel, 255], (y * w + x) * 4);
    }
  }
  return { rgb, jpeg: new Uint8Array(jpeg.encode({ data: rgba, width: w, height: h }, 95).data) };
}

/** An APP1 EXIF segment holding only IFD0 Orientation (0x0112, SHORT), in either byte order. */
function exifSegment(orientation: number, littleEndian: boolean): Uint8Array {
  const tiff = new DataView(new ArrayBuffer(26));
  tiff.setUint16(0, littleEndian ? 0x4949 : 0x4d4d);
  tiff.setUint16(2, 42, littleEndian);
  tiff.setUint32(4, 8, littleEndian);
  tiff.setUint16(8, 1, littleEndian);
  tiff.setUint16(10, 0x0112, littleEndian);
  tiff.setUint16(12, 3, littleEndian);
  tiff.setUint32(14, 1, littleEndian);
  tiff.setUint16(18, orientation, littleEndian);
  const payload = [...new TextEncoder().encode('Exif\0\0'), ...new Uint8Array(tiff.buffer)];
  const length = payload.length + 2;
  return new Uint8Array([0xff, 0xe1, length >> 8, length & 0xff, ...payload]);
}

function withSegmentAfterSoi(bytes: Uint8Array, segment: Uint8Array): Uint8Array {
  return new Uint8Array([...bytes.subarray(0, 2), ...segment, ...bytes.subarray(2)]);
}

/** Offset of the first SOFn marker's segment payload (precision byte). */
function sofPayload(bytes: Uint8Array): number {
  for (let i = 2; i < bytes.length - 1; i++) {
    if (bytes[i] === 0xff && [0xc0, 0xc1, 0xc2].includes(bytes[i + 1]!)) return i + 4;
  }
  throw new Error('no SOF');
}

describe('readRasterImage on JPEG', () => {
  it('reads grey JPEG as uint8 MONOCHROME2, identical to libjpeg-turbo via Pillow', async () => {
    const image = await readRasterImage(fromBase64(GREY_JPEG));
    checkImage(image);
    expect(image).toMatchObject({
      kind: 'volume',
      dims: [16, 8, 1],
      spacing: [1, 1, 1],
      origin: [0, 0, 0],
      direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
      timepoints: 1,
      dataType: 'uint8',
      samplesPerPixel: 1,
      photometricInterpretation: 'MONOCHROME2',
      warnings: [],
    });
    expect(image.data).toBeInstanceOf(Uint8Array);
    expect(image.data).toEqual(fromBase64(GREY_DECODED));
    expect(image.meta).toMatchObject({
      format: 'JPEG',
      bitDepth: 8,
      jpegProcess: 'baseline',
      jpegSampling: '1x1',
    });
  });

  it('reads a progressive 4:2:0 colour JPEG as RGB, identical to Pillow (smooth chroma upsampling)', async () => {
    const image = await readRasterImage(fromBase64(COLOUR_JPEG));
    checkImage(image);
    expect(image).toMatchObject({ dims: [16, 8, 1], samplesPerPixel: 3, photometricInterpretation: 'RGB' });
    expect(image.data).toBeInstanceOf(Uint8Array);
    expect(image.data).toEqual(fromBase64(COLOUR_DECODED));
    expect(image.meta).toMatchObject({ jpegProcess: 'progressive', jpegSampling: '2x2,1x1,1x1' });
  });

  it('reads a jpeg-js-encoded colour JPEG within the loss of quality 95', async () => {
    const { rgb, jpeg: bytes } = gradient();
    const image = await readRasterImage(bytes);
    checkImage(image);
    expect(image).toMatchObject({ dims: [40, 24, 1], samplesPerPixel: 3, dataType: 'uint8' });
    const diffs = rgb.map((v, i) => Math.abs(v - image.data[i]!));
    expect(Math.max(...diffs)).toBeLessThanOrEqual(4);
    expect(diffs.reduce((a, b) => a + b, 0) / diffs.length).toBeLessThan(1);
  });

  it('records EXIF orientation in meta without rotating the pixels', async () => {
    const { jpeg: plain } = gradient();
    const upright = await readRasterImage(plain);
    for (const littleEndian of [false, true]) {
      const image = await readRasterImage(withSegmentAfterSoi(plain, exifSegment(6, littleEndian)));
      expect(image.dims).toEqual([40, 24, 1]);
      expect(image.meta.exifOrientation).toBe(6);
      expect(image.warnings).toEqual(['EXIF orientation 6 was not applied: pixels are shown as stored']);
      expect(image.data).toEqual(upright.data);
    }
    const normal = await readRasterImage(withSegmentAfterSoi(plain, exifSegment(1, true)));
    expect(normal.meta.exifOrientation).toBe(1);
    expect(normal.warnings).toEqual([]);
  });

  it('refuses CMYK, 12-bit and lossless JPEG as UNSUPPORTED_IMAGE', async () => {
    await expect(readRasterImage(fromBase64(CMYK_JPEG), { file: 'c.jpg' })).rejects.toMatchObject({
      code: 'UNSUPPORTED_IMAGE',
      file: 'c.jpg',
      detail: 'CMYK (4-component) JPEG is not supported',
    });
    const twelve = Uint8Array.from(gradient().jpeg);
    twelve[sofPayload(twelve)] = 12;
    await expect(readRasterImage(twelve)).rejects.toMatchObject({ code: 'UNSUPPORTED_IMAGE' });
    const lossless = Uint8Array.from(gradient().jpeg);
    lossless[sofPayload(lossless) - 3] = 0xc3;
    await expect(readRasterImage(lossless)).rejects.toMatchObject({ code: 'UNSUPPORTED_IMAGE' });
  });
});

describe('readRasterImage on bad JPEG', () => {
  const good = gradient().jpeg;

  it('reports a file cut anywhere as TRUNCATED', async () => {
    const host = new Uint8Array(good.length + 100);
    host.set(good);
    for (const length of [
      3,
      4,
      10,
      100,
      sofPayload(good) + 3,
      good.length / 2,
      good.length - 3,
      good.length - 1,
    ]) {
      await expect(readRasterImage(host.subarray(0, length), { file: 'cut.jpg' })).rejects.toMatchObject({
        code: 'TRUNCATED',
        file: 'cut.jpg',
      });
    }
  });

  it('reports wrong magic as NOT_IMAGE and a broken marker chain as MALFORMED', async () => {
    await expect(readRasterImage(new Uint8Array([0xff, 0xd8, 0x00, 0x01]))).rejects.toMatchObject({
      code: 'NOT_IMAGE',
    });
    await expect(readRasterImage(good.subarray(0, 2))).rejects.toMatchObject({ code: 'NOT_IMAGE' });
    const broken = Uint8Array.from(good);
    const afterApp0 = 4 + ((broken[4]! << 8) | broken[5]!);
    broken[afterApp0] = 0x00;
    await expect(readRasterImage(broken)).rejects.toMatchObject({ code: 'MALFORMED' });
  });

  it('refuses huge SOF dimensions before decoding (LIMIT_EXCEEDED)', async () => {
    const huge = Uint8Array.from(good);
    huge.fill(0xff, sofPayload(huge) + 1, sofPayload(huge) + 5); // 65535 × 65535
    await expect(readRasterImage(huge)).rejects.toMatchObject({ code: 'LIMIT_EXCEEDED' });
    await expect(readRasterImage(good, { maxPixels: 959 })).rejects.toMatchObject({ code: 'LIMIT_EXCEEDED' });
  });

  it('reports scan data libjpeg-turbo cannot decode as CODEC_FAILED', async () => {
    const corrupt = Uint8Array.from(good);
    const sos = corrupt.findIndex((b, i) => b === 0xff && corrupt[i + 1] === 0xda);
    corrupt.fill(0xff, sos + 20, corrupt.length - 2);
    const error = await readRasterImage(corrupt, { file: 'bad.jpg' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImageReadError);
    expect(error).toMatchObject({ code: 'CODEC_FAILED', file: 'bad.jpg' });
  });

  it('uses a decoder passed in, and checks that its output matches the header', async () => {
    const fake: JpegDecoder = async () => ({
      width: 40,
      height: 24,
      components: 3,
      data: new Uint8ClampedArray(2880).fill(7),
    });
    const image = await readRasterImage(good, { decodeJpeg: fake });
    expect(image.data).toBeInstanceOf(Uint8Array);
    expect(image.data[100]).toBe(7);
    const short: JpegDecoder = async () => ({
      width: 40,
      height: 24,
      components: 3,
      data: new Uint8Array(10),
    });
    await expect(readRasterImage(good, { decodeJpeg: short })).rejects.toMatchObject({
      code: 'CODEC_FAILED',
    });
  });
});
