import {
  type AnnotationPayload,
  AnnotationPayloadError,
  type AnnotationPayloadOf,
  type ClassificationData,
  parseAnnotationPayload,
} from '@voxelhub/core/annotation';
import { sameJson } from './annotation-entry.js';

type Classification = AnnotationPayloadOf<'classification'>;
type FrameRange = AnnotationPayloadOf<'frameRange'>;

/**
 * A payload holding both users' edits, when one exists without guessing: the union of the choices of two
 * multiple-choice answers, both texts of two free-text answers (mine first), or the span of two frame
 * ranges that overlap or touch. Undefined otherwise: different types, labels, images or classification
 * levels, and shapes and measurements (two positions of one shape cannot both hold; the user picks one).
 * The result is mine with its data merged, and goes through core's parser, so a merge over the limits
 * (too many choices, too long a text) is undefined too.
 */
export function mergePayloads(
  mine: AnnotationPayload,
  theirs: AnnotationPayload,
): AnnotationPayload | undefined {
  if (mine.type !== theirs.type || mine.labelId !== theirs.labelId) return undefined;
  if (!sameJson(mine.imageRef, theirs.imageRef)) return undefined;
  const merged = mergedOfType(mine, theirs);
  return merged && validOrUndefined(merged);
}

function mergedOfType(mine: AnnotationPayload, theirs: AnnotationPayload): AnnotationPayload | undefined {
  if (mine.type === 'classification' && theirs.type === 'classification')
    return mergeClassifications(mine, theirs);
  if (mine.type === 'frameRange' && theirs.type === 'frameRange') return mergeFrameRanges(mine, theirs);
  return undefined;
}

function mergeClassifications(mine: Classification, theirs: Classification): Classification | undefined {
  if (mine.data.level !== theirs.data.level) return undefined;
  const value = mergeAnswers(mine.data.value, theirs.data.value);
  return value && { ...mine, data: { ...mine.data, value } };
}

function mergeAnswers(
  mine: ClassificationData['value'],
  theirs: ClassificationData['value'],
): ClassificationData['value'] | undefined {
  if (mine.kind === 'multiple' && theirs.kind === 'multiple') {
    // Mine keep their order; theirs that are new follow in theirs' order.
    return { kind: 'multiple', choices: [...new Set([...mine.choices, ...theirs.choices])] };
  }
  if (mine.kind === 'text' && theirs.kind === 'text') {
    if (mine.text === theirs.text || theirs.text === '') return mine;
    if (mine.text === '') return theirs;
    return { kind: 'text', text: `${mine.text}\n${theirs.text}` };
  }
  // One single choice against another cannot hold both answers.
  return undefined;
}

/** Ranges that overlap or touch (end + 1 = start) make one range with no frame added; a gap would add some. */
function mergeFrameRanges(mine: FrameRange, theirs: FrameRange): FrameRange | undefined {
  const a = mine.data;
  const b = theirs.data;
  if (a.start > b.end + 1 || b.start > a.end + 1) return undefined;
  return { ...mine, data: { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) } };
}

function validOrUndefined(payload: AnnotationPayload): AnnotationPayload | undefined {
  try {
    return parseAnnotationPayload(payload);
  } catch (error) {
    // Over a limit (choices, text length): no merge to offer, the user picks a side.
    if (error instanceof AnnotationPayloadError) return undefined;
    throw error;
  }
}
