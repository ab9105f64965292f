import type { PixelModule } from './pixel-module.js';

/** Integer typed arrays that decoded pixels come in. */
export type PixelArray = Uint8Array | Int8Array | Uint16Array | Int16Array | Uint32Array | Int32Array;

type PixelArrayConstructor =
  | Uint8ArrayConstructor
  | Int8ArrayConstructor
  | Uint16ArrayConstructor
  | Int16ArrayConstructor
  | Uint32ArrayConstructor
  | Int32ArrayConstructor;

/** The array type of stored values: Bits Allocated wide, signed when Pixel Representation is 1; 1-bit → Uint8. */
export function storedArrayType(module: PixelModule): PixelArrayConstructor {
  const signed = module.pixelRepresentation === 1 && module.bitsAllocated > 1;
  switch (module.bitsAllocated) {
    case 32:
      return signed ? Int32Array : Uint32Array;
    case 16:
      return signed ? Int16Array : Uint16Array;
    default:
      return signed ? Int8Array : Uint8Array;
  }
}

/**
 * Stored values from raw samples: the bits from High Bit down to High Bit − Bits Stored + 1, sign-extended
 * when Pixel Representation is 1. Anything above High Bit (overlays, garbage) is dropped. Not rescaled.
 */
export function toStoredValues(samples: ArrayLike<number>, module: PixelModule): PixelArray {
  const Out = storedArrayType(module);
  const out = new Out(samples.length);
  if (module.bitsAllocated === 1) {
    // Codecs that code 1-bit images (JPEG 2000, JPEG-LS) hand back a byte per pixel.
    for (let i = 0; i < samples.length; i++) out[i] = samples[i]! & 1;
    return out;
  }
  const shift = module.highBit + 1 - module.bitsStored;
  if (shift === 0 && module.bitsStored === module.bitsAllocated) {
    // Typed array assignment wraps modulo 2^bits, which reinterprets unsigned words as two's complement.
    out.set(samples);
    return out;
  }
  // JS bitwise operators work on 32 bits: shifting left then right (arithmetic or logical) keeps
  // exactly Bits Stored bits and sign-extends them or not.
  const keep = 32 - module.bitsStored;
  if (module.pixelRepresentation === 1) {
    for (let i = 0; i < samples.length; i++) out[i] = ((samples[i]! >>> shift) << keep) >> keep;
  } else {
    for (let i = 0; i < samples.length; i++) out[i] = ((samples[i]! >>> shift) << keep) >>> keep;
  }
  return out;
}
