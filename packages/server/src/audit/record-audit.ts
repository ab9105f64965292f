import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../storage/schema.js';

/** One audit_log row: who (null when unknown, e.g. a failed login) did what to which target. */
export interface AuditEvent {
  readonly userId: string | null;
  readonly action: string;
  readonly targetType: string;
  readonly targetId?: string | null;
  readonly projectId?: string | null;
  /** Never secrets: no passwords, tokens or cookies. */
  readonly details?: Record<string, unknown>;
}

export async function recordAudit(db: Kysely<DatabaseSchema>, event: AuditEvent): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      id: randomUUID(),
      at: new Date().toISOString(),
      user_id: event.userId,
      project_id: event.projectId ?? null,
      action: event.action,
      target_type: event.targetType,
      target_id: event.targetId ?? null,
      details: JSON.stringify(event.details ?? {}),
    })
    .execute();
}
