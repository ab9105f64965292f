import type { AnnotationHead } from '../annotations/annotation-rows.js';
import { type PairwiseResult, pairwise } from './reader-pairs.js';

type ClassificationPayload = Extract<AnnotationHead['payload'], { type: 'classification' }>;

/**
 * A reader's answer for a classification label as one comparable string: the option id, the sorted
 * option ids of a multiple choice, or trimmed lower-case free text. The newest answer counts.
 */
export function answerOf(
  heads: readonly AnnotationHead[],
  labelId: string,
): { answer: string; head: AnnotationHead } | undefined {
  let found: { answer: string; head: AnnotationHead } | undefined;
  for (const head of heads) {
    if (head.payload.type !== 'classification' || head.labelId !== labelId) continue;
    if (found && found.head.updatedAt > head.updatedAt) continue;
    const value = (head.payload as ClassificationPayload).data.value;
    const answer =
      value.kind === 'single'
        ? value.choice
        : value.kind === 'multiple'
          ? [...value.choices].sort().join('|')
          : value.text.trim().toLowerCase();
    found = { answer, head };
  }
  return found;
}

export interface ClassificationAgreement extends PairwiseResult {
  /** The share of answering readers who gave the most common answer; null with fewer than two answers. */
  readonly majorityShare: number | null;
}

/** Whether every two readers gave the same answer (1 or 0), and the share of the majority answer. */
export function measureClassifications(
  readers: readonly string[],
  answers: ReadonlyMap<string, string | null>,
): ClassificationAgreement {
  const result = pairwise(readers, answers, (a, b) => ({
    value: a === null || b === null ? null : a === b ? 1 : 0,
  }));
  const counts = new Map<string, number>();
  for (const answer of answers.values())
    if (answer !== null) counts.set(answer, (counts.get(answer) ?? 0) + 1);
  const answered = [...counts.values()].reduce((s, n) => s + n, 0);
  return { ...result, majorityShare: answered < 2 ? null : Math.max(...counts.values()) / answered };
}
