/**
 * Voxels per segment value over a stack of labelmap slices, without gathering them into one array
 * (a CT series' label map is tens of megabytes, and the panel recounts after every stroke).
 * Background (0) is not counted; segments with no voxel are absent.
 */
export function countSegmentVoxels(slices: Iterable<ArrayLike<number>>): Map<number, number> {
  const counts = new Map<number, number>();
  for (const slice of slices) {
    for (let i = 0; i < slice.length; i++) {
      const value = slice[i]!;
      if (value !== 0) counts.set(value, (counts.get(value) ?? 0) + 1);
    }
  }
  return counts;
}
