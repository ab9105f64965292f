import type { ExportLabel } from '../export-dataset.js';
import type { DicomSegSegment } from './dicom-seg-input.js';

/** The SEG segments of a label schema, and the segment number each class index of a label map becomes. */
export interface SegmentsFromLabels {
  readonly segments: readonly DicomSegSegment[];
  /** Class index (the value in a label map) → Segment Number. Classes not listed are not segments. */
  readonly segmentOfClass: ReadonlyMap<number, number>;
}

/**
 * One segment per mask label, numbered 1..N in class-index order: Segment Numbers must run from 1 with no
 * gap, and class indices count every label of the schema (boxes, points, …), so they may skip. A label
 * map made with class indices is renumbered with `segmentOfClass` before writing.
 */
export function segmentsFromLabels(labels: readonly ExportLabel[]): SegmentsFromLabels {
  const masks = labels.filter((l) => l.type === 'mask').sort((a, b) => a.classIndex - b.classIndex);
  const segmentOfClass = new Map(masks.map((l, i) => [l.classIndex, i + 1]));
  const segments = masks.map((l, i) => ({ number: i + 1, label: l.name.slice(0, 64), colour: l.colour }));
  return { segments, segmentOfClass };
}

/**
 * A copy of `voxels` with each class index replaced by its segment number (others become 0). Label maps
 * hold whole numbers up to 65535, so a lookup table replaces the Map: a third of the time on a CT-sized map.
 */
export function renumberLabelMap(
  voxels: ArrayLike<number>,
  segmentOfClass: ReadonlyMap<number, number>,
): Uint8Array | Uint16Array {
  const wide = [...segmentOfClass.values()].some((n) => n > 0xff);
  const out = wide ? new Uint16Array(voxels.length) : new Uint8Array(voxels.length);
  const table = new Uint16Array(0x10000);
  for (const [cls, segment] of segmentOfClass)
    if (Number.isInteger(cls) && cls >= 0 && cls <= 0xffff) table[cls] = segment;
  for (let i = 0; i < voxels.length; i++) {
    const v = voxels[i]!;
    out[i] = v >= 0 && v <= 0xffff ? table[v]! : (segmentOfClass.get(v) ?? 0);
  }
  return out;
}
