import type { DatasetTerms } from '../api/api-types.js';
import type { FieldErrors } from '../projects/field-errors.js';

/** The license and citation form's fields, as typed. */
export interface TermsDraft {
  readonly licenseName: string;
  readonly licenseUrl: string;
  readonly citation: string;
}

export function draftOf(terms: DatasetTerms | undefined): TermsDraft {
  return {
    licenseName: terms?.license?.name ?? '',
    licenseUrl: terms?.license?.url ?? '',
    citation: terms?.citation ?? '',
  };
}

/** The server's checks, shown before sending: a URL needs a license name, and must be http(s). */
export function validateTerms(draft: TermsDraft): FieldErrors {
  const fields: Record<string, string> = {};
  const url = draft.licenseUrl.trim();
  if (url && !draft.licenseName.trim()) fields.licenseName = 'name the license the URL points to';
  if (url && !/^https?:\/\/\S+$/.test(url)) fields.licenseUrl = 'an http:// or https:// address';
  return { fields, form: null };
}

/**
 * What PATCH /api/projects/:id sends as settings.dataset: a blank license or citation is null, which
 * removes it (the card then says the project states none), never an empty string.
 */
export function termsInput(draft: TermsDraft) {
  const name = draft.licenseName.trim();
  const url = draft.licenseUrl.trim();
  const citation = draft.citation.trim();
  return {
    license: name ? { name, ...(url ? { url } : {}) } : null,
    citation: citation || null,
  };
}
