import type { DataSet } from 'dicom-parser';
import { ImageReadError } from '../../errors/image-read-error.js';
import { copyBytes } from './copy-bytes.js';
import { expandSegmentedLut } from './segmented-lut.js';

/** The Palette Color Lookup Table Module (PS3.3 C.7.9), as read from the red channel's descriptor. */
export interface PaletteColorLut {
  /** Entries in each channel (a descriptor value of 0 means 65536). */
  readonly numberOfEntries: number;
  /** The stored value mapped to the first entry; negative only for signed pixel data. */
  readonly firstMappedValue: number;
  /** Bits per entry as the descriptor says (8 or 16). */
  readonly bitsPerEntry: number;
  /** True when the LUTs came from the Segmented … Palette Color Lookup Table Data. */
  readonly segmented: boolean;
  /** Channel values; 16-bit arrays when the data holds 16-bit entries (pydicom's rule: the data length decides). */
  readonly red: Uint8Array | Uint16Array;
  readonly green: Uint8Array | Uint16Array;
  readonly blue: Uint8Array | Uint16Array;
}

const CHANNELS = [
  { name: 'Red', descriptor: 'x00281101', data: 'x00281201', segmented: 'x00281221' },
  { name: 'Green', descriptor: 'x00281102', data: 'x00281202', segmented: 'x00281222' },
  { name: 'Blue', descriptor: 'x00281103', data: 'x00281203', segmented: 'x00281223' },
] as const;

type Channel = (typeof CHANNELS)[number];

interface Descriptor {
  readonly entries: number;
  readonly firstMapped: number;
  readonly bits: number;
}

function readDescriptor(dataSet: DataSet, channel: Channel, signed: boolean): Descriptor {
  const tag = channel.descriptor;
  const entries = dataSet.uint16(tag, 0);
  const bits = dataSet.uint16(tag, 2);
  // The second value is US or SS following Pixel Representation (PS3.3 C.7.6.3.1.5).
  const firstMapped =
    signed || dataSet.elements[tag]?.vr === 'SS' ? dataSet.int16(tag, 1) : dataSet.uint16(tag, 1);
  if (entries === undefined || firstMapped === undefined || bits === undefined) {
    throw new ImageReadError(
      'MISSING_ATTRIBUTE',
      `${channel.name} Palette Color Lookup Table Descriptor is absent or short`,
    );
  }
  if (bits !== 8 && bits !== 16) {
    throw new ImageReadError(
      'INVALID_ATTRIBUTE',
      `${channel.name} palette LUT descriptor says ${bits} bits per entry`,
    );
  }
  return { entries: entries === 0 ? 65536 : entries, firstMapped, bits };
}

/** The element's value bytes, checked to lie inside the byte array. */
function valueBytes(dataSet: DataSet, tag: string): Uint8Array {
  const element = dataSet.elements[tag]!;
  const end = element.dataOffset + element.length;
  if (element.length === 0xffffffff || end > dataSet.byteArray.length) {
    throw new ImageReadError('TRUNCATED', `palette LUT data ${tag} runs past the end of the file`);
  }
  return dataSet.byteArray.subarray(element.dataOffset, end);
}

function words(dataSet: DataSet, tag: string, count: number): Uint16Array {
  const out = new Uint16Array(count);
  for (let i = 0; i < count; i++) out[i] = dataSet.uint16(tag, i) ?? 0;
  return out;
}

function readPlainData(dataSet: DataSet, channel: Channel, entries: number): Uint8Array | Uint16Array {
  const bytes = valueBytes(dataSet, channel.data);
  if (bytes.length >= 2 * entries) return words(dataSet, channel.data, entries);
  if (bytes.length >= entries) return copyBytes(bytes, 0, entries);
  throw new ImageReadError(
    'INVALID_ATTRIBUTE',
    `${channel.name} Palette Color Lookup Table Data has ${bytes.length} bytes for ${entries} entries`,
  );
}

function isLittleEndian(dataSet: DataSet): boolean {
  return dataSet.byteArrayParser.readUint16(Uint8Array.of(1, 0), 0) === 1;
}

function readSegmentedData(dataSet: DataSet, channel: Channel, bits: number): Uint8Array | Uint16Array {
  const bytes = valueBytes(dataSet, channel.segmented);
  const eightBit = bits === 8;
  const data = eightBit ? bytes : words(dataSet, channel.segmented, bytes.length >> 1);
  const values = expandSegmentedLut(data, eightBit, isLittleEndian(dataSet));
  return eightBit ? Uint8Array.from(values) : Uint16Array.from(values);
}

/** Reads the palette LUTs that PALETTE COLOR images need; throws when they are absent or inconsistent. */
export function readPaletteColorLut(dataSet: DataSet, signed: boolean): PaletteColorLut {
  const descriptor = readDescriptor(dataSet, CHANNELS[0], signed);
  const segmented = !dataSet.elements[CHANNELS[0].data] && !!dataSet.elements[CHANNELS[0].segmented];
  const luts = CHANNELS.map((channel) => {
    readDescriptor(dataSet, channel, signed);
    const present = dataSet.elements[segmented ? channel.segmented : channel.data];
    if (!present)
      throw new ImageReadError(
        'MISSING_ATTRIBUTE',
        `${channel.name} Palette Color Lookup Table Data is absent`,
      );
    return segmented
      ? readSegmentedData(dataSet, channel, descriptor.bits)
      : readPlainData(dataSet, channel, descriptor.entries);
  }) as [Uint8Array | Uint16Array, Uint8Array | Uint16Array, Uint8Array | Uint16Array];
  const [red, green, blue] = luts;
  if (green.length !== red.length || blue.length !== red.length || red.constructor !== green.constructor) {
    throw new ImageReadError(
      'INVALID_ATTRIBUTE',
      'the red, green and blue palette LUTs differ in length or depth',
    );
  }
  return {
    numberOfEntries: segmented ? red.length : descriptor.entries,
    firstMappedValue: descriptor.firstMapped,
    bitsPerEntry: descriptor.bits,
    segmented,
    red,
    green,
    blue,
  };
}

/**
 * Maps stored values through the palette into interleaved RGB, as pydicom's apply_color_lut does: values
 * below the first mapped value take the first entry, values past the end take the last. Entries are not
 * rescaled, so 16-bit palettes give 16-bit RGB.
 */
export function applyPaletteColorLut(
  values: ArrayLike<number>,
  lut: PaletteColorLut,
): Uint8Array | Uint16Array {
  const Out = lut.red instanceof Uint16Array ? Uint16Array : Uint8Array;
  const out = new Out(values.length * 3);
  const last = lut.red.length - 1;
  const { red, green, blue, firstMappedValue } = lut;
  for (let i = 0, j = 0; i < values.length; i++, j += 3) {
    const index = Math.min(Math.max(values[i]! - firstMappedValue, 0), last);
    out[j] = red[index]!;
    out[j + 1] = green[index]!;
    out[j + 2] = blue[index]!;
  }
  return out;
}
