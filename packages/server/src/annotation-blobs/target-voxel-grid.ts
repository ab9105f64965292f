import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { AnnotationTarget } from '../annotations/annotation-target.js';
import type { DatabaseSchema } from '../storage/schema.js';
import type { LabelMapDims } from './label-map-inspector.js';

type Db = Kysely<DatabaseSchema>;

const count = z.number().int().positive();
/** What the import stored of an image's grid: `dims` for NIfTI, PNG, JPEG; one instance's plane for DICOM. */
const storedGrid = z.object({
  dims: z.tuple([count, count, count]).optional(),
  columns: count.optional(),
  rows: count.optional(),
  frames: count.nullish(),
});

/**
 * The voxel grid a label map on this target must have, as far as the stored geometry tells; an axis left
 * undefined is not checked. A whole image (NIfTI, PNG, JPEG) has its dims; a DICOM image is columns ×
 * rows × frames. A series is stored per instance, not as a volume, so its slices are the frames of its
 * images together, and its in-plane size is checked only when every image has the same one.
 */
export async function targetVoxelGrid(
  db: Db,
  projectId: string,
  target: AnnotationTarget,
): Promise<Array<number | undefined>> {
  const rows = await db
    .selectFrom('images')
    .select('geometry')
    .where('project_id', '=', projectId)
    .$if(target.imageId !== null, (q) => q.where('id', '=', target.imageId ?? ''))
    .$if(target.imageId === null, (q) => q.where('series_id', '=', target.seriesId ?? ''))
    .execute();
  const grids = rows.map((row) => storedGrid.safeParse(JSON.parse(row.geometry)).data ?? {});
  if (target.imageId !== null) {
    const grid = grids[0] ?? {};
    return (
      grid.dims ?? [grid.columns, grid.rows, grid.columns === undefined ? undefined : (grid.frames ?? 1)]
    );
  }
  const same = (values: Array<number | undefined>) =>
    values.every((value) => value !== undefined && value === values[0]) ? values[0] : undefined;
  const slices = grids.reduce((sum, grid) => sum + (grid.dims?.[2] ?? grid.frames ?? 1), 0);
  return [
    same(grids.map((grid) => grid.dims?.[0] ?? grid.columns)),
    same(grids.map((grid) => grid.dims?.[1] ?? grid.rows)),
    slices,
  ];
}

/** Where `dims` differs from `grid` on a known axis, described; undefined when they agree. */
export function gridMismatch(dims: LabelMapDims, grid: Array<number | undefined>): string | undefined {
  const axes = ['x (columns)', 'y (rows)', 'z (slices)'];
  const wrong = [0, 1, 2].filter((i) => grid[i] !== undefined && grid[i] !== dims[i]);
  if (wrong.length === 0) return undefined;
  return wrong.map((i) => `${axes[i]} is ${dims[i]}, the image has ${grid[i]}`).join('; ');
}
