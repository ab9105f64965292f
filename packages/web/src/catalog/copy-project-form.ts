import type { DatasetEntry } from '@voxelhub/core/catalog';
import type { FieldErrors } from '../projects/field-errors.js';
import { EMPTY_PROJECT, toProjectInput } from '../projects/project-form.js';

/** The part of a new project the dialog asks for; the rest is the new-project form's defaults. */
export interface CopyProjectDraft {
  readonly name: string;
  readonly description: string;
  readonly requireDeidentification: boolean;
}

/** The server's limits (project-schemas.ts). */
export const MAX_NAME_LENGTH = 200;
export const MAX_DESCRIPTION_LENGTH = 20_000;

/**
 * Where the data came from, so that provenance travels with the project: the dataset, its page, how to
 * cite it, and its license.
 */
export function provenanceOf(dataset: DatasetEntry): string {
  const doi = dataset.doi ? ` https://doi.org/${dataset.doi}` : '';
  const licenseUrl = dataset.licenseUrl ? ` (${dataset.licenseUrl})` : '';
  return [
    `Imported from a local copy of ${dataset.name} (${dataset.url}).`,
    `Cite: ${dataset.citation}${doi}`,
    `License: ${dataset.license}${licenseUrl}`,
  ].join('\n');
}

export function draftFor(dataset: DatasetEntry): CopyProjectDraft {
  return {
    name: dataset.name,
    description: provenanceOf(dataset),
    requireDeidentification: EMPTY_PROJECT.requireDeidentification,
  };
}

export function validateCopyProject(draft: CopyProjectDraft): FieldErrors {
  const fields: Record<string, string> = {};
  const name = draft.name.trim();
  if (name === '') fields.name = 'a project needs a name';
  else if (name.length > MAX_NAME_LENGTH) fields.name = `at most ${MAX_NAME_LENGTH} characters`;
  if (draft.description.length > MAX_DESCRIPTION_LENGTH)
    fields.description = `at most ${MAX_DESCRIPTION_LENGTH.toLocaleString('en-GB')} characters`;
  return { fields, form: null };
}

/**
 * The body of POST /api/projects: the new-project form's defaults with this draft's fields, and the
 * dataset's license and citation as the project's own (settings.dataset), so that every version exported
 * from it states where its data came from and how to cite it.
 */
export function toCopyProjectInput(draft: CopyProjectDraft, dataset: DatasetEntry) {
  const input = toProjectInput({ ...EMPTY_PROJECT, ...draft });
  const citation = dataset.doi ? `${dataset.citation} https://doi.org/${dataset.doi}` : dataset.citation;
  return {
    ...input,
    settings: {
      ...input.settings,
      dataset: {
        license: { name: dataset.license, ...(dataset.licenseUrl ? { url: dataset.licenseUrl } : {}) },
        citation,
      },
    },
  };
}
