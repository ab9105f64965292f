import type { Kysely } from 'kysely';
import type { ProjectAccess } from '../access/project-access.js';
import { checkLabelMapReference } from '../annotation-blobs/label-map-reference.js';
import { resolveTarget } from '../annotations/annotation-target.js';
import { ApiError } from '../errors/api-error.js';
import type { DatabaseSchema } from '../storage/schema.js';
import type { ImportPlan } from './import-plan.js';
import type { SkippedItem } from './imported-items.js';

/**
 * An annotations.json names its label maps by blob key. Each must pass the check the annotation API makes
 * (label-map-reference.ts): a label map uploaded to this project that the importer may see, on the case's
 * grid; else an import could attach, and so read, another project's blob, or name one that does not exist.
 * Those that fail are reported, not written. Label maps the import stores itself carry no key yet.
 */
export async function checkLabelMapReferences(
  db: Kysely<DatabaseSchema>,
  access: ProjectAccess,
  plan: ImportPlan,
): Promise<ImportPlan> {
  const annotations: ImportPlan['annotations'][number][] = [];
  const skipped: SkippedItem[] = [...plan.skipped];
  for (const planned of plan.annotations) {
    const { payload } = planned;
    const named = payload.type === 'segmentation' && payload.data.representation === 'labelMap';
    if (!named || planned.labelMap) {
      annotations.push(planned);
      continue;
    }
    try {
      await checkLabelMapReference(
        db,
        access,
        payload,
        await resolveTarget(db, access.projectId, planned.target),
      );
      annotations.push(planned);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const detail = (error.details as readonly { message?: string }[] | undefined)?.[0]?.message;
      skipped.push({ file: planned.file, reason: detail ?? error.message });
    }
  }
  return { annotations, skipped };
}
