import { describePayload, type LabelName } from '../annotations/describe-payload.js';
import type { ItemDetail } from './quality-api.js';

/** Annotation types that have no picture to draw: their content is said in words beside the panes. */
const WORDED_TYPES = new Set(['classification', 'frameRange']);

export interface AnswerRow {
  readonly labelId: string;
  readonly labelName: string;
  /** One cell per reader, in the item's reader order: their answers ('' when they gave none). */
  readonly answers: readonly string[];
  /** Whether every reader who answered gave the same answer. */
  readonly unanimous: boolean;
}

/**
 * Each classification or frame-range label any reader answered, with every reader's answer in words
 * (option names from the project's schema, as the conflict dialog words them). Drawn annotations are in the
 * panes; these would be invisible there.
 */
export function answerRows(detail: ItemDetail, labels: readonly LabelName[]): AnswerRow[] {
  const byReader = new Map(detail.annotations.map((r) => [r.readerId, r.annotations]));
  const labelIds: string[] = [];
  for (const { annotations } of detail.annotations)
    for (const a of annotations)
      if (WORDED_TYPES.has(a.payload.type) && !labelIds.includes(a.labelId)) labelIds.push(a.labelId);
  return labelIds.map((labelId) => {
    const answers = detail.item.readers.map((reader) =>
      (byReader.get(reader.userId) ?? [])
        .filter((a) => a.labelId === labelId && WORDED_TYPES.has(a.payload.type))
        .map((a) => describePayload(a.payload, labels).lines.join(' · '))
        .join('; '),
    );
    const given = answers.filter((text) => text !== '');
    return {
      labelId,
      labelName: labels.find((l) => l.id === labelId)?.name ?? labelId,
      answers,
      unanimous: new Set(given).size <= 1,
    };
  });
}
