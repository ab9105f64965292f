import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/record-audit.js';
import type { DatabaseSchema } from '../storage/schema.js';

/** An audit row about one label of a project (the label routes and the example-image routes write them). */
export function auditLabel(
  db: Kysely<DatabaseSchema>,
  access: { userId: string; projectId: string },
  action: string,
  labelId: string,
  details: Record<string, unknown>,
) {
  return recordAudit(db, {
    userId: access.userId,
    projectId: access.projectId,
    action,
    targetType: 'label',
    targetId: labelId,
    details,
  });
}
