import type { AnnotationPayload, ImageRef } from '@voxelhub/core/annotation';
import { sameJson } from '../annotations/annotation-entry.js';
import type { AnnotationTarget } from '../annotations/annotation-head.js';
import type { AnnotationHistory } from '../annotations/annotation-history.js';
import type { ClassificationAnswer } from './classification-answers.js';
import type { ClassificationLevel } from './classification-level.js';
import { classificationPayload, withValue } from './classification-payload.js';
import type { ClassificationValue } from './classification-question.js';

/** What an answer control's change does to the store. */
export type AnswerEdit =
  | { readonly kind: 'create'; readonly labelId: string; readonly payload: AnnotationPayload }
  | { readonly kind: 'update'; readonly key: string; readonly payload: AnnotationPayload }
  | { readonly kind: 'delete'; readonly key: string }
  | { readonly kind: 'none' };

/**
 * Answering creates the annotation, changing the answer updates it (keeping its image reference), and
 * clearing it (`next` null) deletes it. An unchanged answer is no edit, so it adds no undo step.
 */
export function planAnswerEdit(input: {
  readonly current: ClassificationAnswer | undefined;
  readonly next: ClassificationValue | null;
  readonly labelId: string;
  readonly level: ClassificationLevel;
  readonly imageRef: ImageRef;
}): AnswerEdit {
  const { current, next } = input;
  if (!current) {
    if (next === null) return { kind: 'none' };
    const payload = classificationPayload({ ...input, value: next });
    return { kind: 'create', labelId: input.labelId, payload };
  }
  if (next === null) return { kind: 'delete', key: current.entry.key };
  if (sameJson(current.payload.data.value, next)) return { kind: 'none' };
  return { kind: 'update', key: current.entry.key, payload: withValue(current.payload, next) };
}

/**
 * Applies an edit as one undo step. `mergeKey` joins consecutive updates of one text-editing session
 * into one step, as a drag's moves are joined.
 */
export function applyAnswerEdit(
  history: AnnotationHistory,
  target: AnnotationTarget,
  edit: AnswerEdit,
  mergeKey?: string,
): void {
  switch (edit.kind) {
    case 'create':
      history.create({ target, labelId: edit.labelId, payload: edit.payload });
      return;
    case 'update':
      history.update(edit.key, { payload: edit.payload }, mergeKey === undefined ? {} : { mergeKey });
      return;
    case 'delete':
      history.delete(edit.key);
      return;
    case 'none':
      return;
  }
}
