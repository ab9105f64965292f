import type { ImageGeometry, Vec3 } from '@voxelhub/core';

/** One instance of a series, as the import stored it: its id, SOP Instance UID and parsed plane. */
export interface SeriesInstance {
  readonly imageId: string;
  readonly sopInstanceUid: string | null;
  readonly geometry: ImageGeometry | undefined;
}

export interface SeriesStack {
  /** Instances in slice order: slice k of the series' volume is instances[k]. */
  readonly instances: readonly SeriesInstance[];
  /** The volume the slices make; undefined when an instance has no plane or the planes differ. */
  readonly geometry: ImageGeometry | undefined;
}

const dot = (a: Vec3, b: Vec3) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];

function normalOf(geometry: ImageGeometry): Vec3 {
  const d = geometry.direction;
  return [d[2], d[5], d[8]];
}

/**
 * The series as a volume, the way the viewer stacks it: instances sorted by their position along the
 * slice normal (a series of several instances is annotated slice k = stack position k, see the web's
 * annotation-place.ts). The slice step is the distance between the first two positions, which the label
 * maps of the series are written on; single-frame instances of one in-plane grid only.
 */
export function seriesStack(instances: readonly SeriesInstance[]): SeriesStack {
  const first = instances[0]?.geometry;
  const planar = instances.every(
    (i) =>
      i.geometry !== undefined &&
      i.geometry.dims[2] === 1 &&
      i.geometry.dims[0] === first?.dims[0] &&
      i.geometry.dims[1] === first?.dims[1],
  );
  if (!first || !planar) return { instances, geometry: undefined };
  const normal = normalOf(first);
  const sorted = [...instances].sort(
    (a, b) => dot(a.geometry!.origin as Vec3, normal) - dot(b.geometry!.origin as Vec3, normal),
  );
  const origin = sorted[0]!.geometry!.origin as Vec3;
  const second = sorted[1]?.geometry?.origin as Vec3 | undefined;
  const step = second ? Math.abs(dot(second, normal) - dot(origin, normal)) : first.spacing[2];
  const geometry: ImageGeometry = {
    dims: [first.dims[0], first.dims[1], sorted.length],
    spacing: [first.spacing[0], first.spacing[1], step > 0 ? step : first.spacing[2]],
    origin,
    direction: first.direction,
  };
  return { instances: sorted, geometry };
}
