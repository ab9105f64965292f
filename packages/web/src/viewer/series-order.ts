import { type DicomJsonInstance, numberValues, TAG } from './dicom-json.js';

/**
 * Orders a series' instances for scrolling: by position along the slice normal when every instance has
 * a position and they share one orientation (Instance Number is often missing or restarts), else by
 * Instance Number, else as given. Returns a new array.
 */
export function orderInstances(instances: readonly DicomJsonInstance[]): DicomJsonInstance[] {
  const byPosition = positionsAlongNormal(instances);
  const keyed = instances.map((instance, index) => ({
    instance,
    index,
    position: byPosition?.[index],
    number: numberValues(instance, TAG.InstanceNumber)?.[0],
  }));
  keyed.sort(
    (a, b) =>
      (byPosition ? a.position! - b.position! : 0) ||
      (a.number ?? Number.POSITIVE_INFINITY) - (b.number ?? Number.POSITIVE_INFINITY) ||
      a.index - b.index,
  );
  return keyed.map((k) => k.instance);
}

/** Each instance's distance along the slice normal, or undefined when that can't order the series. */
function positionsAlongNormal(instances: readonly DicomJsonInstance[]): number[] | undefined {
  const first = numberValues(instances[0] ?? {}, TAG.ImageOrientationPatient);
  if (first?.length !== 6) return undefined;
  const [r0, r1, r2, c0, c1, c2] = first as [number, number, number, number, number, number];
  const normal = [r1 * c2 - r2 * c1, r2 * c0 - r0 * c2, r0 * c1 - r1 * c0] as const;
  const distances: number[] = [];
  for (const instance of instances) {
    const orientation = numberValues(instance, TAG.ImageOrientationPatient);
    const position = numberValues(instance, TAG.ImagePositionPatient);
    if (!orientation || !position || position.length !== 3) return undefined;
    if (orientation.some((v, i) => Math.abs(v - first[i]!) > 1e-3)) return undefined;
    distances.push(position[0]! * normal[0] + position[1]! * normal[1] + position[2]! * normal[2]);
  }
  return distances;
}
