import type { FieldErrors } from '../projects/field-errors.js';
import type { BurnedInRule, PixelRectangle } from './privacy-types.js';

/** One rule as the form edits it: every field as typed. */
export interface RuleDraft {
  readonly name: string;
  readonly modality: string;
  readonly sopClassUid: string;
  readonly manufacturer: string;
  readonly model: string;
  readonly rows: string;
  readonly columns: string;
  /** Rectangles to blank as `x,y,width,height`, separated by `;`. */
  readonly blank: string;
}

export type RuleField = keyof RuleDraft;

export const EMPTY_RULE: RuleDraft = {
  name: '',
  modality: '',
  sopClassUid: '',
  manufacturer: '',
  model: '',
  rows: '',
  columns: '',
  blank: '',
};

/** The key of a rule field's message in FieldErrors: `rules.<index>.<field>`, or `rules.<index>` for the row. */
export function ruleErrorKey(index: number, field?: RuleField): string {
  return field === undefined ? `rules.${index}` : `rules.${index}.${field}`;
}

export function rectanglesText(rectangles: readonly PixelRectangle[] | undefined): string {
  return (rectangles ?? []).map((r) => `${r.x},${r.y},${r.width},${r.height}`).join('; ');
}

/** A stored rule as the form shows it. */
export function toRuleDraft(rule: BurnedInRule): RuleDraft {
  return {
    name: rule.name,
    modality: rule.modality ?? '',
    sopClassUid: rule.sopClassUid ?? '',
    manufacturer: rule.manufacturer ?? '',
    model: rule.model ?? '',
    rows: rule.rows === undefined ? '' : String(rule.rows),
    columns: rule.columns === undefined ? '' : String(rule.columns),
    blank: rectanglesText(rule.blank),
  };
}

type Parsed<T> = { readonly value: T } | { readonly error: string };

/** `x,y,width,height; …` as rectangles: whole numbers, x and y from 0, width and height from 1. */
export function parseRectangles(text: string): Parsed<PixelRectangle[]> {
  const parts = text
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  const rectangles: PixelRectangle[] = [];
  for (const [i, part] of parts.entries()) {
    const numbers = part.split(',').map((n) => n.trim());
    const which = parts.length > 1 ? `rectangle ${i + 1} ('${part}')` : `'${part}'`;
    if (numbers.length !== 4 || numbers.some((n) => !/^\d+$/.test(n)))
      return { error: `${which}: write x,y,width,height as four whole numbers` };
    const [x, y, width, height] = numbers.map(Number) as [number, number, number, number];
    if (width < 1 || height < 1) return { error: `${which}: width and height start at 1` };
    rectangles.push({ x, y, width, height });
  }
  return { value: rectangles };
}

function parseSize(text: string): Parsed<number | undefined> {
  const trimmed = text.trim();
  if (trimmed === '') return { value: undefined };
  if (!/^\d+$/.test(trimmed) || Number(trimmed) < 1) return { error: 'a whole number of pixels, from 1' };
  return { value: Number(trimmed) };
}

const CRITERIA = ['modality', 'sopClassUid', 'manufacturer', 'model', 'rows', 'columns'] as const;

/**
 * The form's rows as the API's rules, or the messages to show beside the fields at fault. Blank text
 * fields are left out of the rule (the API reads a missing criterion as "any"), and, as the API does, a
 * rule needs a name and at least one criterion: a rule without one would hold every image.
 */
export function parseRuleDrafts(drafts: readonly RuleDraft[]): {
  readonly rules: BurnedInRule[];
  readonly errors: FieldErrors;
} {
  const fields: Record<string, string> = {};
  const rules: BurnedInRule[] = [];
  drafts.forEach((draft, index) => {
    const fail = (field: RuleField | undefined, message: string) => {
      fields[ruleErrorKey(index, field)] = message;
    };
    const text = (value: string) => (value.trim() === '' ? undefined : value.trim());
    if (draft.name.trim() === '') fail('name', 'a rule needs a name');
    const rows = parseSize(draft.rows);
    const columns = parseSize(draft.columns);
    const blank = parseRectangles(draft.blank);
    if ('error' in rows) fail('rows', rows.error);
    if ('error' in columns) fail('columns', columns.error);
    if ('error' in blank) fail('blank', blank.error);
    const rule = {
      name: draft.name.trim(),
      modality: text(draft.modality),
      sopClassUid: text(draft.sopClassUid),
      manufacturer: text(draft.manufacturer),
      model: text(draft.model),
      rows: 'value' in rows ? rows.value : undefined,
      columns: 'value' in columns ? columns.value : undefined,
      blank: 'value' in blank && blank.value.length > 0 ? blank.value : undefined,
    };
    const criterionGiven = CRITERIA.some((c) => draft[c].trim() !== '');
    if (!criterionGiven)
      fail(undefined, 'give at least one of modality, SOP class, manufacturer, model, rows, columns');
    rules.push(withoutUndefined(rule));
  });
  return { rules, errors: { fields, form: null } };
}

function withoutUndefined(rule: Record<string, unknown>): BurnedInRule {
  return Object.fromEntries(Object.entries(rule).filter(([, v]) => v !== undefined)) as BurnedInRule;
}

const RULE_FIELDS: readonly RuleField[] = Object.keys(EMPTY_RULE) as RuleField[];

/**
 * Moves the API's messages about the rules (paths such as
 * `settings.deidentification.burnedInRules.2.blank.0.width`) beside the form's fields; the rest stay as
 * they were.
 */
export function placeRuleErrors(errors: FieldErrors): FieldErrors {
  const fields: Record<string, string> = {};
  const unplaced: string[] = [];
  for (const [path, message] of Object.entries(errors.fields)) {
    const match = /^settings\.deidentification\.burnedInRules\.(\d+)(?:\.(\w+))?/.exec(path);
    if (!match) {
      unplaced.push(`${path}: ${message}`);
      continue;
    }
    const field = RULE_FIELDS.find((f) => f === match[2]);
    const key = ruleErrorKey(Number(match[1]), field);
    fields[key] ??= message;
  }
  const form = [errors.form, ...unplaced].filter((m) => m !== null).join('; ');
  return { fields, form: form === '' ? null : form };
}
