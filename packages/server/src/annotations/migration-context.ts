import type { ImageGeometry } from '@voxelhub/core';
import { CURRENT_SCHEMA_VERSIONS, isAnnotationType, type MigrationContext } from '@voxelhub/core/annotation';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DatabaseSchema } from '../storage/schema.js';

const vec3 = z.tuple([z.number(), z.number(), z.number()]);

/**
 * The geometry the import stored for a whole image (NIfTI, PNG, JPEG: dims, spacing, origin, direction).
 * A DICOM instance stores only its own plane, which places no slice index, so it has none here.
 */
const storedVolumeGeometry = z.object({
  dims: vec3,
  spacing: vec3,
  origin: vec3,
  direction: z.tuple([
    z.number(),
    z.number(),
    z.number(),
    z.number(),
    z.number(),
    z.number(),
    z.number(),
    z.number(),
    z.number(),
  ]),
});

/**
 * What core's migrations may consult to upgrade a payload sent at an older schema version: the geometry
 * of the image it references (landmark v1 → v2 derives patient coordinates from it). Looked up only for
 * outdated payloads; current ones need nothing.
 */
export async function migrationContextFor(
  db: Kysely<DatabaseSchema>,
  projectId: string,
  json: Record<string, unknown>,
): Promise<MigrationContext> {
  const { type, schemaVersion, imageRef } = json;
  const outdated =
    isAnnotationType(type) &&
    typeof schemaVersion === 'number' &&
    schemaVersion < CURRENT_SCHEMA_VERSIONS[type];
  const imageId = (imageRef as { imageId?: unknown } | undefined)?.imageId;
  if (!outdated || typeof imageId !== 'string') return {};
  const row = await db
    .selectFrom('images')
    .select('geometry')
    .where('project_id', '=', projectId)
    .where('id', '=', imageId)
    .executeTakeFirst();
  const parsed = row ? storedVolumeGeometry.safeParse(JSON.parse(row.geometry)) : undefined;
  const geometry: ImageGeometry | undefined = parsed?.success ? parsed.data : undefined;
  return { geometryOf: (id) => (id === imageId ? geometry : undefined) };
}
