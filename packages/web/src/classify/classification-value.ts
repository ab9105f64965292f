import type { ClassificationValue } from './classification-question.js';

/*
 * What each control makes of the user's input. `null` means no answer: the panel deletes the annotation
 * rather than saving an empty one, so "unanswered" has one representation.
 */

export function singleAnswer(optionId: string): ClassificationValue {
  return { kind: 'single', choice: optionId };
}

/** Ticks or unticks one option; the other ticked options stay in their order. */
export function toggledAnswer(
  value: ClassificationValue | undefined,
  optionId: string,
  checked: boolean,
): ClassificationValue | null {
  const before = value?.kind === 'multiple' ? value.choices : [];
  const rest = before.filter((id) => id !== optionId);
  const choices = checked ? [...rest, optionId] : rest;
  return choices.length > 0 ? { kind: 'multiple', choices } : null;
}

/** Text as typed; only blank text is no answer. */
export function textAnswer(text: string): ClassificationValue | null {
  return text.trim() === '' ? null : { kind: 'text', text };
}
