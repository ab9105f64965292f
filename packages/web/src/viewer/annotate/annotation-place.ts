import type { ImageRef } from '@voxelhub/core/annotation';
import type { AnnotationTarget } from '../../annotations/annotation-head.js';
import type { ImageGeometry } from '../../annotations/cornerstone/core-geometry.js';
import type { SeriesImageIds } from './series-images.js';

/**
 * Where the annotations of what the viewer shows live: the target new ones are made on, the query that lists
 * them, and the image reference of each stack position (and back).
 *
 * A series of several instances is annotated as a series: a point on stack position k names the instance
 * shown there and `sliceIndex: k`, the slice of the series' volume (geometry's k). One instance is
 * annotated as an image: `frameIndex` for the frames of a cine, `sliceIndex: 0` for a single frame.
 */
export interface AnnotationPlace {
  readonly target: AnnotationTarget;
  /** The annotation list's filter, `seriesId=…` or `imageId=…`. */
  readonly listQuery: string;
  /** The grid annotations index into: the stored image's (see SeriesFrame.storedGeometry). */
  readonly geometry: ImageGeometry;
  /** The grid as shown, stack position k = slice k: what a mask painted on the display is laid on. */
  readonly displayGeometry: ImageGeometry;
  readonly cine: boolean;
  readonly count: number;
  imageRefAt(stackIndex: number): ImageRef;
  /** The stack position an annotation is drawn on; undefined when it is not on this series' frames. */
  stackIndexOf(ref: ImageRef): number | undefined;
}

export interface PlaceInput {
  /** Each stack position's SOP Instance UID, in stack order. */
  readonly sops: readonly string[];
  readonly ids: SeriesImageIds;
  readonly geometry: ImageGeometry;
  /** When the display differs from the stored grid (defaults to `geometry`). */
  readonly displayGeometry?: ImageGeometry;
  /**
   * Set when every frame is a slice of one stored image (a NIfTI volume, a PNG): it is annotated as that
   * image, slice k as `sliceIndex: k`.
   */
  readonly wholeImageId?: string;
}

export class UnknownImageError extends Error {
  override readonly name = 'UnknownImageError';
}

export function annotationPlaceOf(input: PlaceInput): AnnotationPlace {
  const { sops, ids, geometry, wholeImageId } = input;
  const displayGeometry = input.displayGeometry ?? geometry;
  if (wholeImageId !== undefined)
    return wholeImagePlace(wholeImageId, sops.length, geometry, displayGeometry);
  const imageIds = sops.map((sop) => {
    const id = ids.imageIdBySop.get(sop);
    if (!id) throw new UnknownImageError(`the server has no image for instance ${sop}`);
    return id;
  });
  const count = sops.length;
  const single = new Set(sops).size === 1;
  const cine = single && count > 1;
  const inRange = (i: number | undefined) =>
    i !== undefined && Number.isInteger(i) && i >= 0 && i < count ? i : undefined;
  if (single) {
    const imageId = imageIds[0]!;
    return {
      target: { imageId },
      listQuery: `imageId=${encodeURIComponent(imageId)}`,
      geometry,
      displayGeometry,
      cine,
      count,
      imageRefAt: (i) => (cine ? { imageId, frameIndex: i } : { imageId, sliceIndex: 0 }),
      stackIndexOf: (ref) =>
        ref.imageId !== imageId ? undefined : cine ? inRange(ref.frameIndex) : inRange(ref.sliceIndex ?? 0),
    };
  }
  return {
    target: { seriesId: ids.seriesId },
    listQuery: `seriesId=${encodeURIComponent(ids.seriesId)}`,
    geometry,
    displayGeometry,
    cine,
    count,
    imageRefAt: (i) => ({ imageId: imageIds[i]!, sliceIndex: i }),
    stackIndexOf: (ref) => inRange(ref.sliceIndex),
  };
}

function wholeImagePlace(
  imageId: string,
  count: number,
  geometry: ImageGeometry,
  displayGeometry: ImageGeometry,
): AnnotationPlace {
  return {
    target: { imageId },
    listQuery: `imageId=${encodeURIComponent(imageId)}`,
    geometry,
    displayGeometry,
    cine: false,
    count,
    imageRefAt: (i) => ({ imageId, sliceIndex: i }),
    stackIndexOf: (ref) =>
      ref.imageId === imageId && ref.sliceIndex !== undefined && ref.sliceIndex >= 0 && ref.sliceIndex < count
        ? ref.sliceIndex
        : undefined,
  };
}
