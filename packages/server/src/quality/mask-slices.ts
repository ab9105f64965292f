import type { Kysely } from 'kysely';
import type { AnnotationHead } from '../annotations/annotation-rows.js';
import type { BlobStore } from '../blobs/blob-store.js';
import type { DatabaseSchema } from '../storage/schema.js';
import { imageGeometryOf } from './item-geometry.js';
import type { ItemReading } from './item-reading.js';
import { readerMasks } from './reader-masks.js';

/**
 * For each mask label of an item, the slices each reader (and the consensus) marked, so the review screen
 * can open where the masks are rather than on an empty slice.
 */
export async function maskSlices(
  db: Kysely<DatabaseSchema>,
  blobs: BlobStore,
  reading: ItemReading,
  consensus: readonly AnnotationHead[],
): Promise<{ labelId: string; source: string; slices: number[] }[]> {
  const sources = new Map<string, readonly AnnotationHead[]>(reading.byReader);
  if (consensus.length > 0) sources.set('consensus', consensus);
  const labelIds = new Set(
    [...sources.values()].flat().flatMap((h) => (h.payload.type === 'segmentation' ? [h.labelId] : [])),
  );
  if (labelIds.size === 0) return [];
  const geometry = await imageGeometryOf(db, reading.item.image_id);
  const out = [];
  for (const labelId of labelIds) {
    const masks = await readerMasks(blobs, sources, labelId, geometry);
    if ('note' in masks) continue;
    const [nx, ny, nz] = masks.geometry.dims;
    for (const [source, mask] of masks.masks) {
      const slices: number[] = [];
      for (let z = 0; z < nz; z++) {
        const start = z * nx * ny;
        if (mask.subarray(start, start + nx * ny).includes(1)) slices.push(z);
      }
      out.push({ labelId, source, slices });
    }
  }
  return out;
}
