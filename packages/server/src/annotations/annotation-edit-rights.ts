import type { ProjectAccess } from '../access/project-access.js';
import { requirePermission } from '../access/project-access.js';
import { ApiError } from '../errors/api-error.js';

/**
 * Who may change (edit, delete, restore) an annotation the caller can see: its author, and owners,
 * managers and reviewers (who correct readers' work). An annotator may not change another reader's
 * annotation even when open reading lets them see it; viewers change nothing.
 */
export function requireEditRights(access: ProjectAccess, annotation: { createdBy: string }): void {
  requirePermission(access, 'annotations.write');
  if (access.role === 'annotator' && annotation.createdBy !== access.userId)
    throw new ApiError('FORBIDDEN', 'annotators may change only their own annotations');
}
