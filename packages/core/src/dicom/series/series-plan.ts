import type { ImageGeometry, ImageKind } from '../../volume/image-volume.js';
import type { FramePlane, InstanceHeader } from '../instance-header.js';

/** One stored 2D frame: frame `frameIndex` of the file `header.file`. */
export interface FrameRef {
  readonly header: InstanceHeader;
  readonly frameIndex: number;
  readonly plane: FramePlane;
  /** Siemens mosaic: the tile of the frame that is this slice. */
  readonly tile?: number;
}

/**
 * How to build one image from DICOM frames: which frame goes to which slice and timepoint, and the
 * geometry. Made from headers alone, so that `voxelhub info` needs no pixel data.
 */
export interface SeriesPlan {
  readonly kind: ImageKind;
  readonly geometry: ImageGeometry;
  readonly timepoints: number;
  /** Frames in voxel order: slice k of timepoint t is `frames[k + t * dims[2]]`. */
  readonly frames: readonly FrameRef[];
  readonly frameTimesMs?: readonly number[];
  readonly warnings: readonly string[];
}

export function firstHeader(plan: SeriesPlan): InstanceHeader {
  return plan.frames[0]!.header;
}

/** Distinct files of a plan, in the order their frames first appear. */
export function planFiles(plan: SeriesPlan): string[] {
  return [...new Set(plan.frames.map((f) => f.header.file))];
}
