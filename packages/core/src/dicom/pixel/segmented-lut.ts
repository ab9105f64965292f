import { ImageReadError } from '../../errors/image-read-error.js';

// A LUT has at most 2^16 entries; indirect segments may point back into the data, so bound the work.
const MAX_ENTRIES = 65536;
const MAX_INDIRECTION = 8;

function invalid(detail: string): ImageReadError {
  return new ImageReadError('INVALID_ATTRIBUTE', `segmented palette colour LUT: ${detail}`);
}

/** NumPy's np.around: halves go to the even neighbour. */
function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

/** The values of a linear segment, computed as pydicom does (np.around(np.linspace(y0 + step, y1, n))). */
function linearSegment(y0: number, y1: number, length: number): number[] {
  if (y0 === y1) return new Array<number>(length).fill(y1);
  const start = y0 + (y1 - y0) / length;
  const out: number[] = [];
  const step = length > 1 ? (y1 - start) / (length - 1) : 0;
  for (let i = 0; i < length; i++) out.push(roundHalfEven(i === length - 1 ? y1 : i * step + start));
  return out;
}

interface ExpandState {
  readonly data: ArrayLike<number>;
  readonly eightBit: boolean;
  readonly littleEndian: boolean;
  depth: number;
}

function indirectOffset(state: ExpandState, offset: number): { target: number; size: number } {
  const d = state.data;
  if (!state.eightBit) return { target: ((d[offset + 1] ?? 0) << 16) | (d[offset] ?? 0), size: 2 };
  // Eight-bit segments hold the 32-bit offset in four entries, in the dataset's byte order.
  const order = state.littleEndian ? [3, 2, 1, 0] : [2, 3, 0, 1];
  const b = order.map((i) => d[offset + i] ?? 0) as [number, number, number, number];
  return { target: (((b[0] << 8) | b[1]) * 65536 + ((b[2] << 8) | b[3])) >>> 0, size: 4 };
}

/**
 * Expands segments (PS3.3 C.7.9.2) starting at `start`, at most `maxSegments` of them, continuing from
 * `lastValue` (for indirect segments). Mirrors pydicom's _expand_segmented_lut.
 */
function expand(state: ExpandState, start: number, maxSegments?: number, lastValue?: number): number[] {
  const { data } = state;
  const lut: number[] = [];
  let offset = start;
  let segments = 0;
  // `offset + 1` allows a trailing padding entry: every segment is longer than two entries.
  while (offset + 1 < data.length) {
    const opcode = data[offset]!;
    const length = data[offset + 1]!;
    offset += 2;
    if (opcode === 0) {
      for (let i = 0; i < length && offset + i < data.length; i++) lut.push(data[offset + i]!);
      offset += length;
    } else if (opcode === 1) {
      const y0 = lut.length > 0 ? lut[lut.length - 1] : lastValue;
      if (y0 === undefined) throw invalid('the first segment cannot be a linear segment');
      lut.push(...linearSegment(y0, data[offset] ?? 0, length));
      offset += 1;
    } else if (opcode === 2) {
      if (lut.length === 0) throw invalid('the first segment cannot be an indirect segment');
      if (++state.depth > MAX_INDIRECTION) throw invalid('indirect segments are nested too deeply');
      const { target, size } = indirectOffset(state, offset);
      offset += size;
      lut.push(...expand(state, target, length, lut[lut.length - 1]));
      state.depth--;
    } else {
      throw invalid(`unknown segment type ${opcode}`);
    }
    if (lut.length > MAX_ENTRIES) throw invalid(`it expands to more than ${MAX_ENTRIES} entries`);
    if (++segments === maxSegments) return lut;
  }
  return lut;
}

/** The full LUT described by segmented palette data (8- or 16-bit entries, as the descriptor says). */
export function expandSegmentedLut(
  data: ArrayLike<number>,
  eightBit: boolean,
  littleEndian: boolean,
): number[] {
  return expand({ data, eightBit, littleEndian, depth: 0 }, 0);
}
