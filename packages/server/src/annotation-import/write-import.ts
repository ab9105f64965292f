import { randomUUID } from 'node:crypto';
import type { AnnotationPayload } from '@voxelhub/core/annotation';
import { labelMapToNifti } from '@voxelhub/core/segmentation';
import type { Kysely } from 'kysely';
import type { ProjectAccess } from '../access/project-access.js';
import { recordLabelMapUpload } from '../annotation-blobs/annotation-blob-rows.js';
import { insertFirstRevision } from '../annotations/create-annotation.js';
import { recordAudit } from '../audit/record-audit.js';
import type { BlobStore } from '../blobs/blob-store.js';
import { auditLabel } from '../projects/label-audit.js';
import { lastLabelOrder } from '../projects/last-label-order.js';
import type { DatabaseSchema } from '../storage/schema.js';
import type { PlannedAnnotation } from './import-plan.js';
import type { NewLabel } from './label-matching.js';

type Db = Kysely<DatabaseSchema>;

interface StoredBlob {
  readonly key: string;
  readonly size: number;
  readonly dims: [number, number, number];
}

/**
 * Label maps as the viewer saves them: gzipped NIfTI on the case's grid, in the content-addressed blob
 * store. Stored before the transaction (a blob store is not transactional); a blob the failed import
 * leaves behind is unreferenced content, not a half-made annotation.
 */
async function storeLabelMaps(blobs: BlobStore, planned: readonly PlannedAnnotation[]) {
  const stored = new Map<PlannedAnnotation, StoredBlob>();
  for (const p of planned) {
    if (!p.labelMap) continue;
    const bytes = labelMapToNifti(p.labelMap.map, p.labelMap.geometry, { gzip: true });
    const put = await blobs.put(bytes);
    stored.set(p, {
      key: put.key,
      size: put.size,
      dims: [...p.labelMap.map.dims] as [number, number, number],
    });
  }
  return stored;
}

function withBlobKey(payload: AnnotationPayload, key: string): AnnotationPayload {
  if (payload.type !== 'segmentation' || payload.data.representation !== 'labelMap') return payload;
  return { ...payload, data: { ...payload.data, blobKey: key } };
}

async function insertLabels(trx: Db, access: ProjectAccess, labels: readonly NewLabel[]) {
  if (labels.length === 0) return;
  let order = await lastLabelOrder(trx, access.projectId);
  for (const label of labels) {
    await trx
      .insertInto('labels')
      .values({
        id: label.id,
        project_id: access.projectId,
        name: label.name,
        type: label.type,
        colour: label.colour,
        sort_order: ++order,
        classification: label.classification ? JSON.stringify(label.classification) : null,
      })
      .execute();
    await auditLabel(trx, access, 'label.create', label.id, {
      name: label.name,
      type: label.type,
      import: true,
    });
  }
}

async function insertAnnotation(
  trx: Db,
  access: ProjectAccess,
  p: PlannedAnnotation,
  payload: AnnotationPayload,
) {
  await insertFirstRevision(
    trx,
    randomUUID(),
    {
      projectId: access.projectId,
      authorId: access.userId,
      labelId: p.labelId,
      target: p.target,
      taskId: null,
      payload,
    },
    new Date().toISOString(),
  );
}

/**
 * Writes an import all or nothing: new labels, label-map blob rows, every annotation (revision 1, authored
 * by the caller) and one `annotations.import` audit row, in one transaction.
 */
export async function writeImport(
  db: Db,
  blobs: BlobStore,
  access: ProjectAccess,
  write: {
    readonly labels: readonly NewLabel[];
    readonly annotations: readonly PlannedAnnotation[];
    readonly audit: Record<string, unknown>;
  },
): Promise<void> {
  const stored = await storeLabelMaps(blobs, write.annotations);
  await db.transaction().execute(async (trx) => {
    await insertLabels(trx, access, write.labels);
    for (const blob of stored.values())
      await recordLabelMapUpload(trx, {
        projectId: access.projectId,
        blobKey: blob.key,
        uploadedBy: access.userId,
        size: blob.size,
        dims: blob.dims,
      });
    for (const p of write.annotations) {
      const blob = stored.get(p);
      await insertAnnotation(trx, access, p, blob ? withBlobKey(p.payload, blob.key) : p.payload);
    }
    await recordAudit(trx, {
      userId: access.userId,
      projectId: access.projectId,
      action: 'annotations.import',
      targetType: 'project',
      targetId: access.projectId,
      details: write.audit,
    });
  });
}
