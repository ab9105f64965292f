import { IDENTITY3, type ImageGeometry, type Mat3, type Vec3 } from '@voxelhub/core';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DatabaseSchema } from '../storage/schema.js';

const vec3 = z.tuple([z.number(), z.number(), z.number()]);
const positive = z.number().int().positive();

/** NIfTI, PNG and JPEG images: the volume's grid (import/read-import-file.ts volumeGeometry). */
const volumeGeometry = z.object({
  dims: z.tuple([positive, positive, positive]),
  spacing: vec3.optional(),
  origin: vec3.optional(),
  direction: z.array(z.number()).length(9).optional(),
});

/** A DICOM instance: its pixel grid and first plane (import/read-import-file.ts instanceGeometry). */
const instanceGeometry = z.object({
  columns: positive,
  rows: positive,
  frames: positive.nullish(),
  pixelSpacing: z.tuple([z.number().positive(), z.number().positive()]).optional(),
  position: vec3.optional(),
  orientation: z.tuple([vec3, vec3]).optional(),
  sliceThickness: z.number().positive().optional(),
});

export type ItemGeometry = ImageGeometry & { readonly calibrated: boolean };

/**
 * The voxel grid of an item's image as the import recorded it (images.geometry): a volume's grid, or a
 * DICOM instance's pixel grid (one slice per frame, placed by its first plane). Undefined for a series
 * item or an image without a recorded grid. Missing spacing reads as 1 mm, the only honest guess for a
 * picture with no calibration (`calibrated` says so).
 */
export async function imageGeometryOf(
  db: Kysely<DatabaseSchema>,
  imageId: string | null,
): Promise<ItemGeometry | undefined> {
  if (!imageId) return undefined;
  const row = await db.selectFrom('images').select('geometry').where('id', '=', imageId).executeTakeFirst();
  return row ? parseImageGeometry(JSON.parse(row.geometry)) : undefined;
}

export function parseImageGeometry(stored: unknown): ItemGeometry | undefined {
  const volume = volumeGeometry.safeParse(stored);
  if (volume.success) {
    const g = volume.data;
    return {
      dims: g.dims,
      spacing: g.spacing ?? [1, 1, 1],
      origin: g.origin ?? [0, 0, 0],
      direction: (g.direction ?? IDENTITY3) as Mat3,
      calibrated: g.spacing !== undefined,
    };
  }
  const instance = instanceGeometry.safeParse(stored);
  if (!instance.success) return undefined;
  const g = instance.data;
  // Pixel Spacing is [between rows, between columns]: x (along a row) steps by the second.
  const spacing: Vec3 = g.pixelSpacing
    ? [g.pixelSpacing[1], g.pixelSpacing[0], g.sliceThickness ?? 1]
    : [1, 1, 1];
  const [row, column] = g.orientation ?? [
    [1, 0, 0],
    [0, 1, 0],
  ];
  const normal: Vec3 = [
    row[1] * column[2] - row[2] * column[1],
    row[2] * column[0] - row[0] * column[2],
    row[0] * column[1] - row[1] * column[0],
  ];
  return {
    dims: [g.columns, g.rows, g.frames ?? 1],
    spacing,
    origin: g.position ?? [0, 0, 0],
    // Row-major, column i is index axis i.
    direction: [row[0], column[0], normal[0], row[1], column[1], normal[1], row[2], column[2], normal[2]],
    calibrated: g.pixelSpacing !== undefined,
  };
}
