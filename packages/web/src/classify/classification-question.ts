import type { ClassificationData } from '@voxelhub/core/annotation';
import type { Label } from '../api/api-types.js';

export type ClassificationValue = ClassificationData['value'];
export type ClassificationKind = ClassificationValue['kind'];

export interface ClassificationOption {
  readonly id: string;
  readonly name: string;
}

/** What a classification label asks: one option, several, or free text. */
export interface ClassificationQuestion {
  readonly kind: ClassificationKind;
  readonly options: readonly ClassificationOption[];
}

/** An option as the answer control lists it; `removed` when only a saved answer still names it. */
export interface DisplayedOption extends ClassificationOption {
  readonly removed: boolean;
}

export function classificationLabels(labels: readonly Label[]): Label[] {
  return labels.filter((label) => label.type === 'classification');
}

/**
 * The question a label asks. The server gives every classification label its kind and options; a label
 * without them (saved before labels had options) can still be answered in words.
 */
export function questionOf(label: Label): ClassificationQuestion {
  return label.classification ?? { kind: 'text', options: [] };
}

function chosenIds(value: ClassificationValue | undefined): readonly string[] {
  if (value?.kind === 'single') return [value.choice];
  if (value?.kind === 'multiple') return value.choices;
  return [];
}

/**
 * The label's options, then any option a saved answer names that the schema no longer has: it stays
 * visible (and can be unticked) instead of vanishing from the answer unseen.
 */
export function displayedOptions(
  question: ClassificationQuestion,
  value: ClassificationValue | undefined,
): DisplayedOption[] {
  const known = new Set(question.options.map((o) => o.id));
  const removed = chosenIds(value).filter((id) => !known.has(id));
  return [
    ...question.options.map((o) => ({ ...o, removed: false })),
    ...removed.map((id) => ({ id, name: id, removed: true })),
  ];
}

export function isChosen(value: ClassificationValue | undefined, optionId: string): boolean {
  return chosenIds(value).includes(optionId);
}

/** The answer in words, for the summary of answers at other levels: "Normal", "A, B", or the text. */
export function describeValue(question: ClassificationQuestion, value: ClassificationValue): string {
  if (value.kind === 'text') return value.text;
  const names = new Map(question.options.map((o) => [o.id, o.name]));
  return chosenIds(value)
    .map((id) => names.get(id) ?? id)
    .join(', ');
}
