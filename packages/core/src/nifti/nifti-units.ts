/**
 * xyzt_units: the spatial unit in bits 0–2 (1 m, 2 mm, 3 µm) and the time unit in bits 3–5
 * (8 s, 16 ms, 24 µs; 32–48 are Hz, ppm and rad/s, which are not times).
 */
const SPATIAL_TO_MM: Readonly<Record<number, number>> = { 1: 1000, 2: 1, 3: 0.001 };
const TIME_TO_MS: Readonly<Record<number, number>> = { 8: 1000, 16: 1, 24: 0.001 };

/** The code Voxelhub writes: millimetres and seconds. */
export const XYZT_MM_SECONDS = 2 | 8;

/** Factor from the file's spatial unit to millimetres; unknown (0) is taken as millimetres. */
export function spatialUnitToMm(xyztUnits: number): number {
  return SPATIAL_TO_MM[xyztUnits & 0x07] ?? 1;
}

/** Factor from the file's time unit to milliseconds, or undefined when the unit is not a time. */
export function timeUnitToMs(xyztUnits: number): number | undefined {
  return TIME_TO_MS[xyztUnits & 0x38];
}
