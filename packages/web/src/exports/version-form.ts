import type { FieldErrors } from '../projects/field-errors.js';
import type { VersionSource } from './versions-api.js';

/** The new-version form as typed: numbers stay text until checked, so a half-typed value is kept. */
export interface VersionDraft {
  readonly name: string;
  readonly note: string;
  readonly source: VersionSource;
  readonly seed: string;
  readonly train: string;
  readonly validation: string;
  readonly test: string;
}

/** The server's defaults: seed 1, 70/15/15. */
export const EMPTY_VERSION: VersionDraft = {
  name: '',
  note: '',
  source: 'consensus',
  seed: '1',
  train: '0.7',
  validation: '0.15',
  test: '0.15',
};

/** As the server checks it (versions/create-version.ts): names go into file names and citations. */
const NAME = /^[A-Za-z0-9._\- ]+$/;
const MAX_SEED = 0xffffffff;
const SPLITS = ['train', 'validation', 'test'] as const;

/**
 * The draft's problems, by the field paths the server's validation answers with (`name`, `splits.seed`,
 * `splits.train`, `splits` for the sum), so that the messages of both land in the same places.
 */
export function validateVersion(draft: VersionDraft): FieldErrors {
  const fields: Record<string, string> = {};
  const name = draft.name.trim();
  if (!name) fields.name = 'Give the version a name';
  else if (name.length > 100) fields.name = 'At most 100 characters';
  else if (!NAME.test(name)) fields.name = "Letters, digits, '.', '_', '-' and spaces only";
  const seed = Number(draft.seed);
  if (draft.seed.trim() === '' || !Number.isInteger(seed) || seed < 0 || seed > MAX_SEED)
    fields['splits.seed'] = `A whole number from 0 to ${MAX_SEED}`;
  let sum = 0;
  for (const split of SPLITS) {
    const value = Number(draft[split]);
    if (draft[split].trim() === '' || !Number.isFinite(value) || value < 0 || value > 1)
      fields[`splits.${split}`] = 'A fraction from 0 to 1';
    else sum += value;
  }
  if (!SPLITS.some((s) => `splits.${s}` in fields) && Math.abs(sum - 1) > 1e-9)
    fields.splits = `Train, validation and test must add up to 1 (they add up to ${Number(sum.toFixed(6))})`;
  return { fields, form: null };
}

/** The body of POST /versions for a valid draft. */
export function toVersionInput(draft: VersionDraft) {
  return {
    name: draft.name.trim(),
    note: draft.note,
    source: draft.source,
    splits: {
      seed: Number(draft.seed),
      train: Number(draft.train),
      validation: Number(draft.validation),
      test: Number(draft.test),
    },
  };
}
