import type { LabelClassification } from '../api/api-types.js';
import { optionIdFromName } from './option-id.js';

export type ClassificationKind = LabelClassification['kind'];
export const CLASSIFICATION_KINDS: readonly ClassificationKind[] = ['single', 'multiple', 'text'];
export const MAX_OPTIONS = 100;

/**
 * An option as the form holds it: `id` is the saved option's (kept through renames), null for one not
 * saved yet, whose id is made from its name when the label is sent. `key` tells rows apart meanwhile.
 */
export interface OptionDraft {
  readonly key: string;
  readonly id: string | null;
  readonly name: string;
}

/** A saved label's options, back into the form. */
export function optionDrafts(classification: LabelClassification | null): readonly OptionDraft[] {
  return (classification?.options ?? []).map((o) => ({ key: `saved:${o.id}`, id: o.id, name: o.name }));
}

export function addOption(options: readonly OptionDraft[]): readonly OptionDraft[] {
  const keys = new Set(options.map((o) => o.key));
  let n = options.length + 1;
  while (keys.has(`new:${n}`)) n++;
  return [...options, { key: `new:${n}`, id: null, name: '' }];
}

export function renameOption(
  options: readonly OptionDraft[],
  key: string,
  name: string,
): readonly OptionDraft[] {
  return options.map((o) => (o.key === key ? { ...o, name } : o));
}

export function removeOption(options: readonly OptionDraft[], key: string): readonly OptionDraft[] {
  return options.filter((o) => o.key !== key);
}

/** What is sent: a free-text question has no options; new options get ids from their names. */
export function classificationOf(
  kind: ClassificationKind,
  options: readonly OptionDraft[],
): LabelClassification {
  if (kind === 'text') return { kind, options: [] };
  const taken = new Set(options.flatMap((o) => (o.id === null ? [] : [o.id])));
  return {
    kind,
    options: options.map((o) => {
      const name = o.name.trim();
      if (o.id !== null) return { id: o.id, name };
      const id = optionIdFromName(name, taken);
      taken.add(id);
      return { id, name };
    }),
  };
}

/** The server's checks on options, by its field paths (`classification.options.2.name`). */
export function optionErrors(
  kind: ClassificationKind,
  options: readonly OptionDraft[],
): Record<string, string> {
  const fields: Record<string, string> = {};
  if (kind === 'text') return fields;
  if (options.length === 0) fields['classification.options'] = `a ${kind}-choice question needs an option`;
  if (options.length > MAX_OPTIONS) fields['classification.options'] = `at most ${MAX_OPTIONS} options`;
  const seen = new Set<string>();
  options.forEach((option, i) => {
    const name = option.name.trim();
    const path = `classification.options.${i}.name`;
    if (name === '') fields[path] = 'an option needs a name';
    else if (seen.has(name.toLowerCase())) fields[path] = `another option is named '${name}'`;
    seen.add(name.toLowerCase());
  });
  return fields;
}
