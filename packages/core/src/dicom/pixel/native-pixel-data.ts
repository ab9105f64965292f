import type { DataSet } from 'dicom-parser';
import { ImageReadError } from '../../errors/image-read-error.js';
import { copyBytes } from './copy-bytes.js';
import { nativeFrameBits } from './frame-layout.js';
import type { PixelModule } from './pixel-module.js';
import { unpackBits } from './unpack-bits.js';

const PIXEL_DATA = 'x7fe00010';

/** Native Pixel Data as it sits in the file, and how to read it in little-endian order. */
export interface NativePixelData {
  /** The value bytes present in the byte array (a view, never written to). */
  readonly bytes: Uint8Array;
  /** Byte-swap unit: 1 for little endian or OB, 2 or 4 for big endian words. */
  readonly swapUnit: 1 | 2 | 4;
}

/**
 * Big endian files store OW words most significant byte first, so 16- and 32-bit samples are swapped
 * per sample, and 8- or 1-bit samples in an OW element per 16-bit word (pydicom 2.3 forgets the latter;
 * DCMTK does it). OB is a byte stream in any byte order.
 */
function swapUnitFor(module: PixelModule, bigEndian: boolean, vr: string | undefined): 1 | 2 | 4 {
  if (!bigEndian) return 1;
  if (module.bitsAllocated === 32) return 4;
  if (module.bitsAllocated === 16) return 2;
  return vr === 'OB' ? 1 : 2;
}

/** Finds native Pixel Data and checks that it holds every frame the pixel module declares. */
export function nativePixelData(dataSet: DataSet, module: PixelModule, bigEndian: boolean): NativePixelData {
  const element = dataSet.elements[PIXEL_DATA];
  if (!element) throw new ImageReadError('MISSING_ATTRIBUTE', 'the dataset has no Pixel Data (7FE0,0010)');
  // A truncated file leaves the declared length in place; only the bytes actually present count.
  const declared = element.length === 0xffffffff ? Number.POSITIVE_INFINITY : element.length;
  const present = Math.max(0, Math.min(declared, dataSet.byteArray.length - element.dataOffset));
  const needed = Math.ceil((nativeFrameBits(module) * module.numberOfFrames) / 8);
  if (present < needed) {
    const { rows, columns, samplesPerPixel, bitsAllocated, numberOfFrames } = module;
    throw new ImageReadError(
      'PIXEL_DATA_SHORT',
      `Pixel Data has ${present} bytes but ${numberOfFrames} frame(s) of ${rows}x${columns}x${samplesPerPixel} ` +
        `at ${bitsAllocated} bits need ${needed} bytes`,
    );
  }
  const bytes = dataSet.byteArray.subarray(element.dataOffset, element.dataOffset + present);
  return { bytes, swapUnit: swapUnitFor(module, bigEndian, element.vr) };
}

/** A little-endian copy of `length` bytes from `start` (which is aligned to the swap unit for words). */
function logicalBytes(source: NativePixelData, start: number, length: number): Uint8Array {
  const { bytes, swapUnit } = source;
  if (swapUnit === 1) return copyBytes(bytes, start, start + length);
  const out = new Uint8Array(length);
  const last = swapUnit - 1;
  for (let i = 0; i < length; i++) {
    const at = start + i;
    out[i] = bytes[at - (at % swapUnit) + last - (at % swapUnit)] ?? 0;
  }
  return out;
}

/**
 * The raw samples of frame `frameIndex` (little endian, as unsigned words of Bits Allocated), in the
 * layout the file uses. 1-bit frames are unpacked to one byte per pixel; they start at bit
 * frameIndex × rows × columns, not on a byte boundary.
 */
export function nativeFrameSamples(
  source: NativePixelData,
  module: PixelModule,
  frameIndex: number,
): Uint8Array | Uint16Array | Uint32Array {
  const frameBits = nativeFrameBits(module);
  if (module.bitsAllocated === 1) {
    const firstBit = frameIndex * frameBits;
    const start = Math.floor(firstBit / 8);
    const bytes = logicalBytes(source, start, Math.ceil((firstBit + frameBits) / 8) - start);
    return unpackBits(bytes, firstBit % 8, frameBits);
  }
  const frameBytes = frameBits / 8;
  const bytes = logicalBytes(source, frameIndex * frameBytes, frameBytes);
  if (module.bitsAllocated === 8) return bytes;
  // Typed arrays read in the host's byte order; the platforms Voxelhub runs on (x86, ARM, wasm) are little endian.
  const Words = module.bitsAllocated === 16 ? Uint16Array : Uint32Array;
  return new Words(bytes.buffer as ArrayBuffer, 0, frameBytes / Words.BYTES_PER_ELEMENT);
}
