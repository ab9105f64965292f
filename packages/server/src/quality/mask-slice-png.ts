import type { Kysely } from 'kysely';
import { type AnnotationHead, annotationFromRow } from '../annotations/annotation-rows.js';
import type { BlobStore } from '../blobs/blob-store.js';
import { encodePng } from '../dicomweb/png-encoder.js';
import { ApiError } from '../errors/api-error.js';
import type { DatabaseSchema } from '../storage/schema.js';
import { imageGeometryOf } from './item-geometry.js';
import { itemHeads, loadItemReading } from './item-reading.js';
import { readerMasks } from './reader-masks.js';

type Db = Kysely<DatabaseSchema>;

/**
 * One slice of a reader's (or the consensus's) mask of a label on an item, as an 8-bit grey PNG: 255 where
 * set. The review screen tints it in the reader's colour over the image.
 */
export async function maskSlicePng(
  db: Db,
  blobs: BlobStore,
  projectId: string,
  itemId: string,
  labelId: string,
  source: string,
  slice: number,
): Promise<Uint8Array> {
  const reading = await loadItemReading(db, itemId);
  if (!reading || reading.item.project_id !== projectId)
    throw new ApiError('NOT_FOUND', `no quality item ${itemId} in this project`);
  let heads: AnnotationHead[] | undefined;
  if (source === 'consensus') {
    const set = await db
      .selectFrom('consensus_sets')
      .select('id')
      .where('item_id', '=', itemId)
      .where('status', '!=', 'superseded')
      .executeTakeFirst();
    if (!set) throw new ApiError('NOT_FOUND', `item ${itemId} has no consensus`);
    heads = (await itemHeads(db, reading.item).where('a.consensus_id', '=', set.id).execute()).map(
      annotationFromRow,
    );
  } else {
    heads = reading.byReader.get(source);
    if (!heads) throw new ApiError('NOT_FOUND', `user ${source} did not finish reading item ${itemId}`);
  }
  const masks = await readerMasks(
    blobs,
    new Map([[source, heads]]),
    labelId,
    await imageGeometryOf(db, reading.item.image_id),
  );
  if ('note' in masks)
    throw new ApiError('NOT_FOUND', `no mask of label ${labelId} from ${source}: ${masks.note}`);
  const [nx, ny, nz] = masks.geometry.dims;
  if (slice >= nz)
    throw new ApiError('VALIDATION_FAILED', `slice ${slice} is outside the ${nz} slices of this item`);
  const mask = masks.masks.get(source)!;
  const pixels = new Uint8Array(nx * ny);
  const offset = slice * nx * ny;
  for (let i = 0; i < pixels.length; i++) pixels[i] = mask[offset + i] ? 255 : 0;
  return encodePng(pixels, nx, ny, 1);
}
