import type { LabelMap } from '@voxelhub/core/segmentation';
import type { ImportedLabelMap } from './imported-items.js';

/**
 * The label map with its segments numbered 1…n in the order of their values, as the viewer numbers the
 * segments it paints: a file's class numbers (an export's class indexes 3 and 8, say) say nothing once
 * each segment names its label. Numbers already 1…n are left as they are.
 */
export function consecutiveSegments(imported: ImportedLabelMap): ImportedLabelMap {
  const values = imported.segments.map((s) => s.value).sort((a, b) => a - b);
  if (values.every((v, i) => v === i + 1)) return imported;
  const next = new Map(values.map((v, i) => [v, i + 1]));
  const source = imported.labelMap.voxels;
  // n ≤ the old largest value, so the voxel type still holds it.
  const voxels: LabelMap['voxels'] =
    source instanceof Uint16Array ? new Uint16Array(source.length) : new Uint8Array(source.length);
  for (let i = 0; i < source.length; i++) voxels[i] = next.get(source[i]!) ?? 0;
  return {
    ...imported,
    labelMap: { dims: imported.labelMap.dims, voxels },
    segments: imported.segments.map((s) => ({ ...s, value: next.get(s.value)! })),
  };
}
