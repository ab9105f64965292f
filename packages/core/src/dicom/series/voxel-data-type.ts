import { type DataType, dataTypeRange, smallestIntegerType } from '../../volume/data-type.js';
import type { InstanceHeader } from '../instance-header.js';
import type { SeriesPlan } from './series-plan.js';

/** The range of stored values the Image Pixel Module allows. */
function storedRange(h: InstanceHeader): [number, number] {
  if (h.bitsAllocated === 1) return [0, 1];
  const bits = Math.max(1, Math.min(h.bitsStored || h.bitsAllocated, 32));
  return h.pixelRepresentation === 1 ? [-(2 ** (bits - 1)), 2 ** (bits - 1) - 1] : [0, 2 ** bits - 1];
}

/** The stored type as it comes out of the pixel decoder (before rescale). */
export function storedDataType(h: InstanceHeader): DataType {
  if (h.samplesPerPixel === 3 || h.bitsAllocated <= 8)
    return h.pixelRepresentation === 1 && h.samplesPerPixel === 1 ? 'int8' : 'uint8';
  if (h.bitsAllocated <= 16) return h.pixelRepresentation === 1 ? 'int16' : 'uint16';
  return h.pixelRepresentation === 1 ? 'int32' : 'uint32';
}

/**
 * The type for the real values (slope · stored + intercept): the stored type when there is no rescale,
 * float32 for a fractional rescale (as dcm2niix's float output does), and for an integral rescale the
 * smallest integer type holding every value the header allows — except that a 16-bit stored image is
 * planned as int16 when that holds every value the rescale maps into it from a 16-bit range shifted by
 * the intercept, which is the common CT case (stored int16, intercept −1024): its values in practice fit,
 * and the loader widens to int32 if a frame proves otherwise (see `widenFor`).
 */
export function realDataType(plan: SeriesPlan): DataType {
  const h = plan.frames[0]!.header;
  const stored = storedDataType(h);
  if (h.samplesPerPixel === 3) return stored;
  const planes = plan.frames.map((f) => f.plane);
  if (planes.every((p) => p.rescaleSlope === 1 && p.rescaleIntercept === 0)) return stored;
  const integral = planes.every(
    (p) => Number.isInteger(p.rescaleSlope) && Number.isInteger(p.rescaleIntercept),
  );
  if (!integral) return 'float32';
  const [lo, hi] = storedRange(h);
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const p of planes) {
    const a = p.rescaleSlope * lo + p.rescaleIntercept;
    const b = p.rescaleSlope * hi + p.rescaleIntercept;
    min = Math.min(min, a, b);
    max = Math.max(max, a, b);
  }
  const exact = smallestIntegerType(min, max) ?? 'float64';
  const sixteenBit = stored === 'int16' || stored === 'uint16';
  const unitSlope = planes.every((p) => p.rescaleSlope === 1);
  return sixteenBit && unitSlope && (exact === 'int32' || exact === 'uint32') ? 'int16' : exact;
}

/** The type to widen to when a value does not fit `current` (integers only; float types hold all). */
export function widenFor(current: DataType, min: number, max: number): DataType {
  const [lo, hi] = dataTypeRange(current);
  if (min >= lo && max <= hi) return current;
  return smallestIntegerType(Math.min(min, lo), Math.max(max, hi)) ?? 'float64';
}
