import type { AssignmentStrategy } from '../api/api-types.js';
import type { FieldErrors } from './field-errors.js';

export type Reading = 'blind' | 'open';

export interface ProjectDraft {
  readonly name: string;
  readonly description: string;
  readonly reading: Reading;
  readonly readersPerItem: string;
  /** How each item's readers are chosen among the annotators. */
  readonly assignment: AssignmentStrategy;
  /** De-identify images on import; recommended, so on unless the creator turns it off. */
  readonly requireDeidentification: boolean;
}

export const EMPTY_PROJECT: ProjectDraft = {
  name: '',
  description: '',
  reading: 'blind',
  readersPerItem: '1',
  assignment: 'round-robin',
  requireDeidentification: true,
};

/** The server's limits on readers per item (project-settings.ts). */
export const MAX_READERS = 20;

export function validateProject(draft: ProjectDraft): FieldErrors {
  const fields: Record<string, string> = {};
  if (draft.name.trim() === '') fields.name = 'a project needs a name';
  const readers = Number(draft.readersPerItem);
  if (!/^\d+$/.test(draft.readersPerItem.trim()) || readers < 1 || readers > MAX_READERS)
    fields['settings.readersPerItem'] = `a whole number from 1 to ${MAX_READERS}`;
  return { fields, form: null };
}

/** The body of POST /api/projects. */
export function toProjectInput(draft: ProjectDraft) {
  return {
    name: draft.name.trim(),
    description: draft.description,
    settings: {
      reading: draft.reading,
      readersPerItem: Number(draft.readersPerItem),
      assignment: draft.assignment,
    },
    requireDeidentification: draft.requireDeidentification,
  };
}
