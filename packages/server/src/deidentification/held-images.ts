import { createHash, randomUUID } from 'node:crypto';
import {
  blankRegionsPart10,
  decodeFrame,
  type ParsedDicom,
  parseDicom,
  readPixelModule,
} from '@voxelhub/core';
import { zlibInflateRaw } from '@voxelhub/core/node';
import type { Kysely } from 'kysely';
import type { BlobStore } from '../blobs/index.js';
import { renderFrame, type Window } from '../dicomweb/render-frame.js';
import { ApiError } from '../errors/api-error.js';
import { type ImportOutcome, storeImage } from '../import/import-file.js';
import { type ImportFacts, readImportFile } from '../import/read-import-file.js';
import { constraintViolation } from '../storage/constraint-violation.js';
import type { DatabaseSchema } from '../storage/schema.js';
import type { BlankedRegion } from './deidentify-import-file.js';

type Db = Kysely<DatabaseSchema>;

export interface HeldImageView {
  readonly id: string;
  readonly format: string;
  readonly modality: string | null;
  readonly reasons: string[];
  readonly blanked: BlankedRegion[];
  readonly createdAt: string;
}

/** Records a stored, de-identified image as held for review instead of importing it. */
export async function holdImage(
  db: Db,
  projectId: string,
  facts: ImportFacts,
  contentHash: string,
  blobKey: string,
  held: { readonly reasons: readonly string[]; readonly blanked: readonly BlankedRegion[] },
): Promise<ImportOutcome> {
  const id = randomUUID();
  try {
    await db
      .insertInto('held_images')
      .values({
        id,
        project_id: projectId,
        content_hash: contentHash,
        blob_key: blobKey,
        sop_instance_uid: facts.format === 'dicom' ? facts.sopInstanceUid : null,
        modality: facts.format === 'dicom' ? facts.modality : null,
        format: facts.format,
        reasons: JSON.stringify(held.reasons),
        blanked: JSON.stringify(held.blanked),
      })
      .execute();
  } catch (error) {
    if (constraintViolation(error) !== 'unique') throw error;
    const winner = await findHeld(db, projectId, contentHash);
    if (!winner) throw error;
    return { status: 'duplicate', heldId: winner };
  }
  return { status: 'imported', heldId: id, reason: `held for review: ${held.reasons.join('; ')}` };
}

export async function findHeld(db: Db, projectId: string, contentHash: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('held_images')
    .select('id')
    .where('project_id', '=', projectId)
    .where('content_hash', '=', contentHash)
    .executeTakeFirst();
  return row?.id;
}

export async function listHeldImages(db: Db, projectId: string): Promise<HeldImageView[]> {
  const rows = await db
    .selectFrom('held_images')
    .selectAll()
    .where('project_id', '=', projectId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    format: row.format,
    modality: row.modality,
    reasons: JSON.parse(row.reasons) as string[],
    blanked: JSON.parse(row.blanked) as BlankedRegion[],
    createdAt: row.created_at,
  }));
}

async function heldRow(db: Db, projectId: string, heldId: string) {
  const row = await db
    .selectFrom('held_images')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('id', '=', heldId)
    .executeTakeFirst();
  if (!row) throw new ApiError('NOT_FOUND', `no held image ${heldId} in this project`);
  return row;
}

/** The held image's first frame as PNG, for the reviewer to look for burned-in text. */
export async function renderHeldImage(db: Db, blobs: BlobStore, projectId: string, heldId: string) {
  const row = await heldRow(db, projectId, heldId);
  if (row.format !== 'dicom')
    return {
      type: row.format === 'png' ? 'image/png' : 'image/jpeg',
      bytes: await blobs.getBytes(row.blob_key),
    };
  const parsed = parseDicom(await blobs.getBytes(row.blob_key), { file: heldId, inflateRaw: zlibInflateRaw });
  const module = readPixelModule(parsed.dataSet);
  const window = await windowOutside(parsed, JSON.parse(row.blanked) as BlankedRegion[]);
  const png = await renderFrame(parsed, module, 0, { window, type: 'image/png', quality: 90 });
  return { type: 'image/png', bytes: png };
}

/**
 * For a greyscale image without a window of its own: one spanning the values outside the blanked
 * regions. The blanked pixels hold the lowest value there is, and a window from the darkest to the
 * brightest pixel would squeeze the rest, burned-in text included, into a few light greys.
 */
async function windowOutside(
  parsed: ParsedDicom,
  blanked: readonly BlankedRegion[],
): Promise<Window | undefined> {
  if (blanked.length === 0 || parsed.dataSet.string('x00281050') !== undefined) return undefined;
  const frame = await decodeFrame(parsed.dataSet, parsed.transferSyntaxUID, 0);
  if (frame.samplesPerPixel !== 1) return undefined;
  const inside = (x: number, y: number) =>
    blanked.some((r) => x >= r.x && x < r.x + r.width && y >= r.y && y < r.y + r.height);
  const slope = Number(parsed.dataSet.string('x00281053') ?? 1) || 1;
  const intercept = Number(parsed.dataSet.string('x00281052') ?? 0) || 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let y = 0; y < frame.rows; y++)
    for (let x = 0; x < frame.columns; x++) {
      if (inside(x, y)) continue;
      const value = frame.pixels[y * frame.columns + x]! * slope + intercept;
      if (value < min) min = value;
      if (value > max) max = value;
    }
  if (!Number.isFinite(min)) return undefined;
  return { center: (min + max) / 2, width: Math.max(max - min, 1), function: 'LINEAR_EXACT' };
}

/**
 * Accepts a held image into the project, after blanking `blank` (more regions the reviewer found) in its
 * pixel data. The held copy's blob is deleted when nothing else refers to it, so that an unblanked copy
 * of burned-in text does not stay behind.
 */
export async function acceptHeldImage(
  db: Db,
  blobs: BlobStore,
  projectId: string,
  heldId: string,
  blank: readonly BlankedRegion[],
): Promise<ImportOutcome> {
  const row = await heldRow(db, projectId, heldId);
  let bytes = await blobs.getBytes(row.blob_key);
  let contentHash = row.content_hash;
  let blobKey = row.blob_key;
  if (blank.length > 0) {
    if (row.format !== 'dicom')
      throw new ApiError('VALIDATION_FAILED', 'regions can be blanked in DICOM images only');
    bytes = await blankRegionsPart10(bytes, blank, `held image ${heldId}`);
    contentHash = createHash('sha256').update(bytes).digest('hex');
    blobKey = (await blobs.put(bytes, { knownKey: contentHash })).key;
  }
  const facts = await readImportFile({
    name: `held-${heldId}.${row.format === 'dicom' ? 'dcm' : row.format}`,
    bytes,
  });
  const outcome = await storeImage(db, projectId, facts, contentHash, blobKey);
  await db.deleteFrom('held_images').where('id', '=', heldId).execute();
  if (blobKey !== row.blob_key) await deleteBlobIfUnreferenced(db, blobs, row.blob_key);
  return outcome;
}

/** Rejects a held image: its record and (when nothing else refers to it) its stored bytes are deleted. */
export async function rejectHeldImage(
  db: Db,
  blobs: BlobStore,
  projectId: string,
  heldId: string,
): Promise<void> {
  const row = await heldRow(db, projectId, heldId);
  await db.deleteFrom('held_images').where('id', '=', heldId).execute();
  await deleteBlobIfUnreferenced(db, blobs, row.blob_key);
}

async function deleteBlobIfUnreferenced(db: Db, blobs: BlobStore, key: string): Promise<void> {
  const [image, held, labelMap, example] = await Promise.all([
    db.selectFrom('images').select('id').where('blob_key', '=', key).executeTakeFirst(),
    db.selectFrom('held_images').select('id').where('blob_key', '=', key).executeTakeFirst(),
    db.selectFrom('annotation_blobs').select('blob_key').where('blob_key', '=', key).executeTakeFirst(),
    db.selectFrom('label_examples').select('blob_key').where('blob_key', '=', key).executeTakeFirst(),
  ]);
  if (!image && !held && !labelMap && !example) await blobs.delete(key);
}
