import type { Kysely } from 'kysely';
import { z } from 'zod';
import { seesOthersAnnotations } from '../access/annotation-visibility.js';
import type { ProjectAccess } from '../access/project-access.js';
import type { DatabaseSchema } from '../storage/schema.js';
import type { LabelMapDims } from './label-map-inspector.js';

type Db = Kysely<DatabaseSchema>;

const storedDims = z.tuple([z.number().int(), z.number().int(), z.number().int()]);

export interface UploadedLabelMap {
  readonly projectId: string;
  readonly blobKey: string;
  readonly uploadedBy: string;
  readonly size: number;
  readonly dims: LabelMapDims;
}

/** Records an upload; the same content sent again by the same member changes nothing. */
export async function recordLabelMapUpload(db: Db, upload: UploadedLabelMap): Promise<void> {
  await db
    .insertInto('annotation_blobs')
    .values({
      project_id: upload.projectId,
      blob_key: upload.blobKey,
      uploaded_by: upload.uploadedBy,
      size: upload.size,
      dims: JSON.stringify(upload.dims),
    })
    .onConflict((conflict) => conflict.columns(['project_id', 'blob_key', 'uploaded_by']).doNothing())
    .execute();
}

/**
 * A label-map blob of the project, if the caller may see it: they uploaded it, or they see others'
 * annotations (not a blind annotator), or an annotation they created names it (a reviewer's correction
 * of their annotation, say: visibility follows the annotation's creator). Otherwise undefined, exactly
 * as for a key never uploaded, so blind readers learn nothing about others' blobs.
 */
export async function findVisibleLabelMap(
  db: Db,
  access: ProjectAccess,
  blobKey: string,
): Promise<{ size: number; dims: LabelMapDims } | undefined> {
  const row = await db
    .selectFrom('annotation_blobs')
    .select(['size', 'dims'])
    .where('project_id', '=', access.projectId)
    .where('blob_key', '=', blobKey)
    .$if(!seesOthersAnnotations(access), (query) =>
      query.where((eb) =>
        eb.or([
          eb('uploaded_by', '=', access.userId),
          eb.exists(
            eb
              .selectFrom('annotation_revisions')
              .innerJoin('annotations', 'annotations.id', 'annotation_revisions.annotation_id')
              .select('annotation_revisions.revision')
              .where('annotations.project_id', '=', access.projectId)
              .where('annotations.created_by', '=', access.userId)
              // A key is 64 hex digits (checked before this), so it holds no LIKE wildcards.
              .where('annotation_revisions.payload', 'like', `%"blobKey":"${blobKey}"%`),
          ),
        ]),
      ),
    )
    .executeTakeFirst();
  return row ? { size: row.size, dims: storedDims.parse(JSON.parse(row.dims)) } : undefined;
}
