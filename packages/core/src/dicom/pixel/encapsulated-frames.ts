import type { DataSet, Fragment } from 'dicom-parser';
import { ImageReadError } from '../../errors/image-read-error.js';

const PIXEL_DATA = 'x7fe00010';
const EXTENDED_OFFSET_TABLE = 'x7fe00001';

/** The fragments that make up one frame: `count` fragments from index `first`. */
export interface FrameFragments {
  readonly first: number;
  readonly count: number;
}

/** Encapsulated Pixel Data split into frames (PS3.5 A.4). */
export interface EncapsulatedFrames {
  readonly fragments: readonly Fragment[];
  readonly frames: readonly FrameFragments[];
}

function checkedFragments(dataSet: DataSet): Fragment[] {
  const element = dataSet.elements[PIXEL_DATA];
  if (!element) throw new ImageReadError('MISSING_ATTRIBUTE', 'the dataset has no Pixel Data (7FE0,0010)');
  if (!element.encapsulatedPixelData || !element.fragments) {
    throw new ImageReadError(
      'MALFORMED',
      'the transfer syntax is compressed but Pixel Data is not encapsulated',
    );
  }
  // dicom-parser leaves the undefined length in place when the Sequence Delimitation Item never came:
  // the file was cut short, and the last fragment may be too (GDCM and DCMTK refuse such files).
  const noDelimiter = (dataSet.warnings ?? []).some(
    (w) => w.includes(PIXEL_DATA) && /missing sequence delimiter/i.test(w),
  );
  if (element.length === 0xffffffff || noDelimiter) {
    throw new ImageReadError(
      'TRUNCATED',
      'encapsulated Pixel Data ends without its Sequence Delimitation Item',
    );
  }
  const fragments = element.fragments;
  if (fragments.length === 0)
    throw new ImageReadError('PIXEL_DATA_SHORT', 'encapsulated Pixel Data holds no fragments');
  fragments.forEach((fragment, i) => {
    if (fragment.position + fragment.length > dataSet.byteArray.length) {
      throw new ImageReadError('TRUNCATED', `Pixel Data fragment ${i + 1} runs past the end of the file`);
    }
  });
  return fragments;
}

/** The Extended Offset Table (7FE0,0001), 64-bit offsets that replace a basic table too small for big files. */
function extendedOffsets(dataSet: DataSet): number[] | undefined {
  const element = dataSet.elements[EXTENDED_OFFSET_TABLE];
  if (
    !element ||
    element.length % 8 !== 0 ||
    element.dataOffset + element.length > dataSet.byteArray.length
  ) {
    return undefined;
  }
  const offsets: number[] = [];
  for (let i = 0; i < element.length / 8; i++) {
    const low = dataSet.uint32(EXTENDED_OFFSET_TABLE, 2 * i) ?? 0;
    const high = dataSet.uint32(EXTENDED_OFFSET_TABLE, 2 * i + 1) ?? 0;
    offsets.push(high * 2 ** 32 + low);
  }
  return offsets;
}

/** Frames from an offset table whose entries land on fragment starts; undefined when they don't. */
function framesFromOffsets(
  fragments: readonly Fragment[],
  offsets: readonly number[],
): FrameFragments[] | undefined {
  const starts = offsets.map((offset) => fragments.findIndex((f) => f.offset === offset));
  if (starts.some((start, i) => start < 0 || (i > 0 && start <= starts[i - 1]!))) return undefined;
  return starts.map((first, i) => ({ first, count: (starts[i + 1] ?? fragments.length) - first }));
}

/** True when a fragment begins a JPEG family (SOI), JPEG 2000 codestream (SOC SIZ) or JP2 file. */
function startsCodestream(bytes: Uint8Array, at: number): boolean {
  const b = (i: number) => bytes[at + i];
  if (b(0) === 0xff && b(1) === 0xd8) return true;
  if (b(0) === 0xff && b(1) === 0x4f && b(2) === 0xff && b(3) === 0x51) return true;
  return b(0) === 0 && b(1) === 0 && b(2) === 0 && b(3) === 0x0c && b(4) === 0x6a && b(5) === 0x50;
}

function framesFromMarkers(dataSet: DataSet, fragments: readonly Fragment[]): FrameFragments[] {
  const starts: number[] = [];
  fragments.forEach((f, i) => {
    if (i === 0 || startsCodestream(dataSet.byteArray, f.position)) starts.push(i);
  });
  return starts.map((first, i) => ({ first, count: (starts[i + 1] ?? fragments.length) - first }));
}

/**
 * Maps fragments to frames: by the extended or basic offset table when they fit, else one fragment per
 * frame when the counts agree, else by finding the fragments that start a codestream.
 */
export function encapsulatedFrames(dataSet: DataSet, numberOfFrames: number): EncapsulatedFrames {
  const fragments = checkedFragments(dataSet);
  const tables = [extendedOffsets(dataSet), dataSet.elements[PIXEL_DATA]!.basicOffsetTable];
  for (const table of tables) {
    if (table?.length !== numberOfFrames) continue;
    // A table that points between fragments is wrong; writers do get it wrong, so fall through.
    const frames = framesFromOffsets(fragments, table);
    if (frames) return { fragments, frames };
  }
  if (numberOfFrames === 1) return { fragments, frames: [{ first: 0, count: fragments.length }] };
  if (fragments.length === numberOfFrames) {
    return { fragments, frames: fragments.map((_, first) => ({ first, count: 1 })) };
  }
  const frames = framesFromMarkers(dataSet, fragments);
  if (frames.length !== numberOfFrames) {
    throw new ImageReadError(
      'MALFORMED',
      `cannot tell which of ${fragments.length} Pixel Data fragments belong to which of ${numberOfFrames} frames ` +
        `(no usable offset table; ${frames.length} fragments start a codestream)`,
    );
  }
  return { fragments, frames };
}

/** The bytes of one frame: its fragments joined (a view when there is only one). */
export function frameBytes(
  dataSet: DataSet,
  encapsulated: EncapsulatedFrames,
  frameIndex: number,
): Uint8Array {
  const { first, count } = encapsulated.frames[frameIndex]!;
  const parts = encapsulated.fragments.slice(first, first + count);
  const bytes = dataSet.byteArray;
  if (parts.length === 1) return bytes.subarray(parts[0]!.position, parts[0]!.position + parts[0]!.length);
  const out = new Uint8Array(parts.reduce((sum, f) => sum + f.length, 0));
  let at = 0;
  for (const f of parts) {
    out.set(bytes.subarray(f.position, f.position + f.length), at);
    at += f.length;
  }
  return out;
}
