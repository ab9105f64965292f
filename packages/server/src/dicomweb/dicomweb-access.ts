import type { FastifyRequest } from 'fastify';
import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import { ANNOTATION_MODALITIES, seesOthersAnnotations } from '../access/annotation-visibility.js';
import type { Permission } from '../access/permissions.js';
import { authorize, type ProjectAccess } from '../access/project-access.js';
import type { DatabaseSchema } from '../storage/schema.js';

/**
 * What every DICOMweb route decides on: the caller's project access, which series they may see, and the
 * base URL that RetrieveURL and BulkDataURI values start with.
 *
 * Blind reading: series whose Modality is an annotation modality (SEG, SR, RTSTRUCT, PR, KO, RWV, ANN;
 * access/annotation-visibility.ts) are someone's annotations. Callers who may not see others' annotations
 * (annotators in blind projects) get none of them, from search and retrieve alike; their studies look as
 * if those series did not exist. DICOMweb has no author for an instance, so this hides annotation
 * instances the caller stored themselves too.
 */
export interface DicomwebContext {
  readonly access: ProjectAccess;
  /** `http(s)://host/dicomweb/projects/<id>` */
  readonly baseUrl: string;
  /** A condition on `series.modality` that keeps what the caller may see. */
  readonly visibleSeries: Expression<SqlBool>;
}

export async function dicomwebContext(
  db: Kysely<DatabaseSchema>,
  request: FastifyRequest,
  projectId: string,
  permission: Permission,
): Promise<DicomwebContext> {
  const access = await authorize(db, request, projectId, permission);
  return {
    access,
    baseUrl: `${request.protocol}://${request.host}/dicomweb/projects/${projectId}`,
    visibleSeries: seesOthersAnnotations(access)
      ? sql<SqlBool>`1 = 1`
      : sql<SqlBool>`(series.modality is null or series.modality not in (${sql.join(ANNOTATION_MODALITIES)}))`,
  };
}
