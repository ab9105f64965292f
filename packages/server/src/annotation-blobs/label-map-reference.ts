import type { AnnotationPayload } from '@voxelhub/core/annotation';
import type { Kysely } from 'kysely';
import type { ProjectAccess } from '../access/project-access.js';
import type { AnnotationTarget } from '../annotations/annotation-target.js';
import { invalidReference } from '../annotations/invalid-reference.js';
import { isBlobKey } from '../blobs/blob-key.js';
import type { DatabaseSchema } from '../storage/schema.js';
import { findVisibleLabelMap } from './annotation-blob-rows.js';
import { gridMismatch, targetVoxelGrid } from './target-voxel-grid.js';

const PATH = 'body.payload.data.blobKey';

/**
 * A `labelMap` segmentation must name a label map uploaded to this project that the writer may see
 * (else a blind reader could attach, and so read, another's), on the target's voxel grid where the
 * stored geometry knows it. Other payloads pass untouched. VALIDATION_FAILED at the blobKey path.
 */
export async function checkLabelMapReference(
  db: Kysely<DatabaseSchema>,
  access: ProjectAccess,
  payload: AnnotationPayload,
  target: AnnotationTarget,
): Promise<void> {
  if (payload.type !== 'segmentation' || payload.data.representation !== 'labelMap') return;
  const { blobKey } = payload.data;
  const labelMap = isBlobKey(blobKey) ? await findVisibleLabelMap(db, access, blobKey) : undefined;
  if (!labelMap)
    throw invalidReference(
      PATH,
      `no label map ${blobKey} was uploaded to this project (POST it to annotation-blobs first)`,
    );
  const mismatch = gridMismatch(labelMap.dims, await targetVoxelGrid(db, access.projectId, target));
  if (mismatch)
    throw invalidReference(
      PATH,
      `label map ${blobKey} is ${labelMap.dims.join('×')} voxels, not on the target's grid: ${mismatch}`,
    );
}
