/** A named point one reader placed, in patient coordinates (mm). */
export interface ReaderLandmark {
  readonly name: string;
  readonly point: readonly [number, number, number];
}

export interface MeanLandmark {
  readonly name: string;
  /** The mean of the readers' points (mm). */
  readonly point: [number, number, number];
  /** How many readers placed this landmark. */
  readonly readers: number;
  /**
   * RMS distance of the readers' points to the mean, sqrt(Σ‖xᵢ − x̄‖² / n) in mm (population form, so one
   * reader gives 0 and two readers give half their distance).
   */
  readonly spreadMm: number;
}

/**
 * Per landmark name, the mean position over the readers who placed it, how many did, and their spread.
 * Names come back in the order they first appear; a reader may place each name at most once.
 */
export function meanLandmarks(readers: readonly (readonly ReaderLandmark[])[]): MeanLandmark[] {
  if (!Array.isArray(readers)) throw new TypeError('meanLandmarks: give one array of landmarks per reader');
  const byName = new Map<string, [number, number, number][]>();
  readers.forEach((landmarks, reader) => {
    if (!Array.isArray(landmarks))
      throw new TypeError(`meanLandmarks: reader ${reader}'s landmarks are not an array`);
    const seen = new Set<string>();
    landmarks.forEach((landmark, index) => {
      const point = checkLandmark(landmark, reader, index);
      if (seen.has(landmark.name))
        throw new RangeError(`meanLandmarks: reader ${reader} placed "${landmark.name}" more than once`);
      seen.add(landmark.name);
      const points = byName.get(landmark.name) ?? [];
      points.push(point);
      byName.set(landmark.name, points);
    });
  });
  return [...byName].map(([name, points]) => summarise(name, points));
}

function checkLandmark(landmark: ReaderLandmark, reader: number, index: number): [number, number, number] {
  const where = `meanLandmarks: reader ${reader}, landmark ${index}`;
  if (typeof landmark?.name !== 'string' || landmark.name.length === 0)
    throw new TypeError(`${where}: name must be a non-empty string`);
  const p = landmark.point;
  if (!Array.isArray(p) || p.length !== 3 || !p.every((c) => typeof c === 'number' && Number.isFinite(c)))
    throw new RangeError(`${where} ("${landmark.name}"): point must be three finite numbers [x, y, z] in mm`);
  return [p[0]!, p[1]!, p[2]!];
}

function summarise(name: string, points: readonly [number, number, number][]): MeanLandmark {
  const n = points.length;
  const mean: [number, number, number] = [0, 1, 2].map(
    (axis) => points.reduce((sum, p) => sum + p[axis]!, 0) / n,
  ) as [number, number, number];
  const squared = points.reduce(
    (sum, p) => sum + (p[0] - mean[0]) ** 2 + (p[1] - mean[1]) ** 2 + (p[2] - mean[2]) ** 2,
    0,
  );
  return { name, point: mean, readers: n, spreadMm: Math.sqrt(squared / n) };
}
