import type { PixelModule } from '../dicom/pixel/pixel-module.js';
import type { PixelArray } from '../dicom/pixel/stored-values.js';
import { ImageReadError } from '../errors/image-read-error.js';
import { encodeElement } from './dataset-splice.js';

const PIXEL_DATA = 'x7fe00010';

function item(tag: number, value: Uint8Array): Uint8Array {
  const out = new Uint8Array(8 + value.length);
  const view = new DataView(out.buffer);
  view.setUint16(0, 0xfffe, true);
  view.setUint16(2, tag, true);
  view.setUint32(4, value.length, true);
  out.set(value, 8);
  return out;
}

const evenLength = (bytes: Uint8Array): Uint8Array => {
  if (bytes.length % 2 === 0) return bytes;
  const out = new Uint8Array(bytes.length + 1);
  out.set(bytes);
  return out;
};

/**
 * Encapsulated Pixel Data (PS3.5 A.4), explicit VR little endian: one fragment per frame, each padded to
 * even length, and a Basic Offset Table giving every frame's offset (so readers need not search for frames).
 */
export function encapsulatedPixelDataElement(frames: readonly Uint8Array[]): Uint8Array {
  const fragments = frames.map((f) => item(0xe000, evenLength(f)));
  const offsets = new Uint8Array(4 * frames.length);
  const view = new DataView(offsets.buffer);
  let offset = 0;
  fragments.forEach((fragment, i) => {
    if (offset > 0xffffffff)
      throw new ImageReadError(
        'LIMIT_EXCEEDED',
        'the compressed frames exceed the 4 GiB a Basic Offset Table can address',
      );
    view.setUint32(4 * i, offset, true);
    offset += fragment.length;
  });
  const parts = [item(0xe000, offsets), ...fragments, item(0xe0dd, new Uint8Array(0))];
  const value = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    value.set(part, at);
    at += part.length;
  }
  const header = encodeElement(PIXEL_DATA, 'OB', new Uint8Array(0), true);
  // Undefined length: the value is a sequence of items ending with the Sequence Delimitation Item.
  new DataView(header.buffer).setUint32(8, 0xffffffff, true);
  const out = new Uint8Array(header.length + value.length);
  out.set(header);
  out.set(value, header.length);
  return out;
}

/**
 * Native Pixel Data, little endian, from decoded stored values (interleaved samples, so Planar
 * Configuration 0): each value masked to Bits Stored and placed at High Bit. OB for 8-bit, else OW.
 */
export function nativePixelDataElement(
  pixels: PixelArray,
  module: PixelModule,
  explicitVR: boolean,
): Uint8Array {
  const { bitsAllocated, bitsStored, highBit } = module;
  const Words = bitsAllocated === 8 ? Uint8Array : bitsAllocated === 16 ? Uint16Array : Uint32Array;
  const words = new Words(pixels.length);
  const range = 2 ** bitsStored;
  const scale = 2 ** (highBit + 1 - bitsStored);
  // Arithmetic rather than bitwise operators, which work on signed 32-bit numbers.
  for (let i = 0; i < pixels.length; i++) {
    const v = pixels[i]!;
    words[i] = (((v % range) + range) % range) * scale;
  }
  // Typed arrays use the host's byte order; the platforms Voxelhub runs on are little endian.
  const bytes = evenLength(new Uint8Array(words.buffer));
  return encodeElement(PIXEL_DATA, bitsAllocated === 8 ? 'OB' : 'OW', bytes, explicitVR);
}
