import type { ImageGeometry } from '@voxelhub/core';
import type { ImageRef } from '@voxelhub/core/annotation';
import type { Kysely } from 'kysely';
import { parseImageGeometry } from '../quality/item-geometry.js';
import type { DatabaseSchema } from '../storage/schema.js';
import { type SeriesInstance, seriesStack } from './series-geometry.js';

/**
 * A case annotations are imported onto, as the viewer annotates it (web annotation-place.ts): a series of
 * several instances is one case (its id the series id, slice k its k-th instance along the normal); any
 * other image (a NIfTI, a PNG, one DICOM instance) is a case of its own, its id the image id.
 */
export interface ImportCase {
  readonly id: string;
  readonly kind: 'image' | 'series';
  /** The case's grid; undefined when the stored geometry cannot place it (label maps are then refused). */
  readonly geometry: ImageGeometry | undefined;
  /** A DICOM instance of several frames: planes are frames (frameIndex), not slices. */
  readonly cine: boolean;
  /** The image of each slice (series) or the one image, and its SOP Instance UID (DICOM). */
  readonly instances: readonly SeriesInstance[];
  readonly seriesInstanceUid: string | null;
}

/** The grid alone (exports write it as it is, and annotations.json admits no other key). */
function plainGeometry(g: ImageGeometry | undefined): ImageGeometry | undefined {
  return g && { dims: g.dims, spacing: g.spacing, origin: g.origin, direction: g.direction };
}

/** Every case of the project, by id. */
export async function loadProjectCases(
  db: Kysely<DatabaseSchema>,
  projectId: string,
): Promise<Map<string, ImportCase>> {
  const rows = await db
    .selectFrom('images')
    .leftJoin('series', 'series.id', 'images.series_id')
    .select([
      'images.id',
      'images.series_id',
      'images.sop_instance_uid',
      'images.geometry',
      'images.format',
      'series.series_instance_uid',
    ])
    .where('images.project_id', '=', projectId)
    .orderBy('images.id')
    .execute();
  const bySeries = new Map<string, typeof rows>();
  for (const row of rows)
    if (row.series_id) bySeries.set(row.series_id, [...(bySeries.get(row.series_id) ?? []), row]);
  const cases = new Map<string, ImportCase>();
  for (const row of rows) {
    const members = row.series_id ? bySeries.get(row.series_id)! : [row];
    const instance = (r: (typeof rows)[number]): SeriesInstance => ({
      imageId: r.id,
      sopInstanceUid: r.sop_instance_uid,
      geometry: plainGeometry(parseImageGeometry(JSON.parse(r.geometry))),
    });
    if (members.length > 1) {
      if (cases.has(row.series_id!)) continue;
      const stack = seriesStack(members.map(instance));
      cases.set(row.series_id!, {
        id: row.series_id!,
        kind: 'series',
        geometry: stack.geometry,
        cine: false,
        instances: stack.instances,
        seriesInstanceUid: row.series_instance_uid,
      });
      continue;
    }
    const one = instance(row);
    cases.set(row.id, {
      id: row.id,
      kind: 'image',
      geometry: one.geometry,
      cine: row.format === 'dicom' && (one.geometry?.dims[2] ?? 1) > 1,
      instances: [one],
      seriesInstanceUid: row.series_instance_uid,
    });
  }
  return cases;
}

/** Where an annotation of the case is stored: the image, or the series. */
export function caseTarget(c: ImportCase): { imageId: string | null; seriesId: string | null } {
  return c.kind === 'series' ? { imageId: null, seriesId: c.id } : { imageId: c.id, seriesId: null };
}

/**
 * A reader's image reference (on the case: imageId is the case id, sliceIndex its slice) as the viewer
 * stores it: on a series, the instance of that slice with `sliceIndex: k`; a whole-series reference names
 * the first instance. Undefined when the slice is outside the series.
 */
export function storedImageRef(c: ImportCase, ref: ImageRef): ImageRef | undefined {
  if (c.kind === 'image') return { ...ref, imageId: c.id };
  if (ref.sliceIndex === undefined) return { ...ref, imageId: c.instances[0]!.imageId };
  const instance = c.instances[ref.sliceIndex];
  return instance ? { ...ref, imageId: instance.imageId } : undefined;
}
