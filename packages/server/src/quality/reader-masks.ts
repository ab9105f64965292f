import type { ImageGeometry } from '@voxelhub/core';
import { decodeBinaryRle } from '@voxelhub/core/annotation';
import { labelMapFromNifti } from '@voxelhub/core/segmentation';
import type { AnnotationHead } from '../annotations/annotation-rows.js';
import type { BlobStore } from '../blobs/blob-store.js';

/** Each reader's mask of one label on one voxel grid: 1 where the reader marked the label, else 0. */
export interface ReaderMasks {
  readonly geometry: ImageGeometry;
  readonly masks: ReadonlyMap<string, Uint8Array>;
}

type Segmentation = Extract<AnnotationHead['payload'], { type: 'segmentation' }>;

/**
 * Rasterises the readers' segmentations of `labelId` onto one grid: a label map's own grid (a NIfTI blob
 * on the image's voxel grid, as the viewer saves it), or the item image's grid for inline RLE slices.
 * Readers who drew nothing get an empty mask: not marking a lesion another reader marked is disagreement.
 * Returns a note instead when the readers' masks are on different grids or no grid is known.
 */
export async function readerMasks(
  blobs: BlobStore,
  byReader: ReadonlyMap<string, readonly AnnotationHead[]>,
  labelId: string,
  imageGeometry: ImageGeometry | undefined,
): Promise<ReaderMasks | { note: string }> {
  const pending: [string, Segmentation][] = [];
  for (const [reader, heads] of byReader) {
    for (const head of heads) {
      if (head.payload.type === 'segmentation' && head.labelId === labelId)
        pending.push([reader, head.payload]);
    }
  }
  // Label maps first: they carry the grid the RLE slices must agree with.
  pending.sort(
    (a, b) => Number(a[1].data.representation === 'rle') - Number(b[1].data.representation === 'rle'),
  );
  let geometry: ImageGeometry | undefined;
  const masks = new Map<string, Uint8Array>();
  for (const [reader, payload] of pending) {
    const data = payload.data;
    if (data.representation === 'labelMap') {
      const { map, geometry: g } = labelMapFromNifti(await blobs.getBytes(data.blobKey));
      geometry ??= g;
      if (!sameGrid(geometry, g)) return { note: "the readers' label maps are on different voxel grids" };
      paintLabelMap(maskOf(masks, reader, geometry), map.voxels, data.segments, labelId);
    } else {
      geometry ??= imageGeometry;
      if (!geometry)
        return {
          note: 'inline masks without an image grid to compare them on (a series item, or no grid recorded)',
        };
      const problem = paintRle(maskOf(masks, reader, geometry), geometry, payload);
      if (problem) return { note: problem };
    }
  }
  if (!geometry) return { note: 'no reader drew this label' };
  const count = geometry.dims[0] * geometry.dims[1] * geometry.dims[2];
  for (const reader of byReader.keys()) if (!masks.has(reader)) masks.set(reader, new Uint8Array(count));
  return { geometry, masks };
}

/** Sets the voxels of the label map whose segment stands for `labelId`. */
function paintLabelMap(
  mask: Uint8Array,
  voxels: Uint8Array | Uint16Array,
  segments: readonly { index: number; labelId: string }[],
  labelId: string,
): void {
  const indexes = new Set(segments.filter((s) => s.labelId === labelId).map((s) => s.index));
  for (let i = 0; i < voxels.length; i++) if (indexes.has(voxels[i]!)) mask[i] = 1;
}

/** Sets an inline mask's pixels on its slice of the grid; a problem when it does not fit the image. */
function paintRle(mask: Uint8Array, geometry: ImageGeometry, payload: Segmentation): string | undefined {
  if (payload.data.representation !== 'rle') return undefined;
  const [nx, ny, nz] = geometry.dims;
  const { width, height } = payload.data.mask;
  const slice = payload.imageRef.sliceIndex ?? payload.imageRef.frameIndex ?? 0;
  if (width !== nx || height !== ny || slice >= nz)
    return `an inline mask of ${width}×${height} on slice ${slice} does not fit the ${nx}×${ny}×${nz} image`;
  const pixels = decodeBinaryRle(payload.data.mask);
  const offset = slice * nx * ny;
  for (let i = 0; i < pixels.length; i++) if (pixels[i]) mask[offset + i] = 1;
  return undefined;
}

function maskOf(masks: Map<string, Uint8Array>, reader: string, geometry: ImageGeometry): Uint8Array {
  let mask = masks.get(reader);
  if (!mask) {
    mask = new Uint8Array(geometry.dims[0] * geometry.dims[1] * geometry.dims[2]);
    masks.set(reader, mask);
  }
  return mask;
}

function sameGrid(a: ImageGeometry, b: ImageGeometry): boolean {
  const close = (x: readonly number[], y: readonly number[]) => x.every((v, i) => Math.abs(v - y[i]!) < 1e-3);
  return a.dims.every((d, i) => d === b.dims[i]) && close(a.spacing, b.spacing) && close(a.origin, b.origin);
}
