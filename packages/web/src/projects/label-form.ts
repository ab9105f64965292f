// The label kinds are core's, as the server's are: one list for the API and the editor.
import type { LabelType } from '@voxelhub/core/annotation';
import type { LabelClassification } from '../api/api-types.js';
import {
  type ClassificationKind,
  classificationOf,
  type OptionDraft,
  optionDrafts,
  optionErrors,
} from './classification-draft.js';
import type { FieldErrors } from './field-errors.js';

export { LABEL_TYPES, type LabelType } from '@voxelhub/core/annotation';

/** What the label form holds: strings, as typed; `toLabelInput` makes the request body. */
export interface LabelDraft {
  readonly name: string;
  readonly type: LabelType;
  readonly colour: string;
  readonly codeSystem: string;
  readonly codeValue: string;
  readonly codeMeaning: string;
  readonly guideline: string;
  /** Used when the type is 'classification'; kept while another type is picked, so nothing typed is lost. */
  readonly classificationKind: ClassificationKind;
  readonly options: readonly OptionDraft[];
}

export const EMPTY_LABEL: LabelDraft = {
  name: '',
  type: 'mask',
  colour: '#e6194b',
  codeSystem: '',
  codeValue: '',
  codeMeaning: '',
  guideline: '',
  classificationKind: 'single',
  options: [],
};

export interface LabelCode {
  readonly system: string;
  readonly value: string;
  readonly meaning: string;
}

export interface LabelInput {
  readonly name: string;
  readonly type: LabelType;
  readonly colour: string;
  readonly code: LabelCode | null;
  readonly guideline: string;
  readonly classification: LabelClassification | null;
}

const COLOUR = /^#[0-9a-fA-F]{6}$/;

/**
 * The checks the server makes too, done first so that a typo is pointed out without a round trip.
 * Keys are the API's field paths, so the server's answers land in the same places.
 */
export function validateLabel(draft: LabelDraft): FieldErrors {
  const fields: Record<string, string> = {};
  if (draft.name.trim() === '') fields.name = 'a label needs a name';
  if (!COLOUR.test(draft.colour)) fields.colour = 'a colour is #rrggbb';
  const code = [draft.codeSystem, draft.codeValue, draft.codeMeaning].map((part) => part.trim());
  const given = code.filter((part) => part !== '').length;
  if (given > 0 && given < 3) {
    if (!code[0]) fields['code.system'] = 'a code needs its system (e.g. SCT, RadLex)';
    if (!code[1]) fields['code.value'] = 'a code needs its value';
    if (!code[2]) fields['code.meaning'] = 'a code needs its meaning';
  }
  if (draft.type === 'classification')
    Object.assign(fields, optionErrors(draft.classificationKind, draft.options));
  return { fields, form: null };
}

/** The request body of POST/PATCH /labels: an empty code means none. */
export function toLabelInput(draft: LabelDraft): LabelInput {
  const system = draft.codeSystem.trim();
  const value = draft.codeValue.trim();
  const meaning = draft.codeMeaning.trim();
  return {
    name: draft.name.trim(),
    type: draft.type,
    colour: draft.colour.toLowerCase(),
    code: system && value && meaning ? { system, value, meaning } : null,
    guideline: draft.guideline,
    classification:
      draft.type === 'classification' ? classificationOf(draft.classificationKind, draft.options) : null,
  };
}

/** A stored label back into the form, for editing. */
export function draftOf(label: LabelInput): LabelDraft {
  return {
    name: label.name,
    type: label.type,
    colour: label.colour,
    codeSystem: label.code?.system ?? '',
    codeValue: label.code?.value ?? '',
    codeMeaning: label.code?.meaning ?? '',
    guideline: label.guideline,
    classificationKind: label.classification?.kind ?? 'single',
    options: optionDrafts(label.classification),
  };
}
