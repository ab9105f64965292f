import type { MemberRole } from '../storage/schema.js';

const EVERYONE: readonly MemberRole[] = ['owner', 'manager', 'annotator', 'reviewer', 'viewer'];
const MANAGERS: readonly MemberRole[] = ['owner', 'manager'];

/**
 * What each project role may do, in one table (the route tests walk it: every route names one of these,
 * and each role is tried against each route). Site administrators act as owners of every project.
 * Seeing other readers' annotations is not here: it also depends on blind reading (annotation-visibility.ts).
 */
export const PERMISSIONS = {
  'project.read': EVERYONE,
  'project.update': MANAGERS,
  'project.delete': ['owner'],
  'members.read': ['owner', 'manager', 'reviewer'],
  'members.manage': MANAGERS,
  'labels.read': EVERYONE,
  'labels.manage': MANAGERS,
  'images.read': EVERYONE,
  'images.import': MANAGERS,
  'images.delete': MANAGERS,
  'tasks.read.all': ['owner', 'manager', 'reviewer'],
  'tasks.manage': MANAGERS,
  'annotations.write': ['owner', 'manager', 'annotator', 'reviewer'],
  'reviews.write': ['owner', 'manager', 'reviewer'],
  'jobs.read': MANAGERS,
  'audit.read': MANAGERS,
  'pseudonyms.read': ['owner'],
  'privacy.manage': ['owner'],
  'images.review': MANAGERS,
  'quality.read': ['owner', 'manager', 'reviewer'],
  'quality.review': ['owner', 'manager', 'reviewer'],
  'quality.manage': MANAGERS,
  // A version holds every reader's annotations: not for blind annotators.
  'versions.read': ['owner', 'manager', 'reviewer'],
  'versions.create': MANAGERS,
} as const satisfies Record<string, readonly MemberRole[]>;

export type Permission = keyof typeof PERMISSIONS;

export function roleAllows(role: MemberRole, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly MemberRole[]).includes(role);
}
