import type { AnnotationPayload, ImageRef } from '@voxelhub/core/annotation';
import type { AnnotationEntry } from '../annotations/annotation-entry.js';
import type { AnnotationTarget } from '../annotations/annotation-head.js';
import type { Label } from '../api/api-types.js';
import type { ClassificationLevel } from './classification-level.js';
import { classificationPayload } from './classification-payload.js';
import type { ClassificationValue } from './classification-question.js';
import { frameRangePayload } from './frame-range-payload.js';

/** Fixtures for the classify tests: store entries as the snapshot holds them, and labels. */

export const SERIES = { seriesId: 'series-1' } as const satisfies AnnotationTarget;
export const CINE = 'cine-1';

export function entryOf(
  key: string,
  payload: AnnotationPayload,
  options: { readonly target?: AnnotationTarget; readonly deleted?: boolean } = {},
): AnnotationEntry {
  return {
    key,
    serverId: key,
    revision: 1,
    serverDeleted: false,
    target: options.target ?? SERIES,
    content: { labelId: payload.labelId, payload, deleted: options.deleted ?? false },
    status: 'saved',
    conflict: null,
    error: null,
  };
}

export function answerEntry(
  key: string,
  answer: {
    readonly labelId?: string;
    readonly level: ClassificationLevel;
    readonly value: ClassificationValue;
    readonly imageRef: ImageRef;
  },
  options: { readonly target?: AnnotationTarget; readonly deleted?: boolean } = {},
): AnnotationEntry {
  return entryOf(key, classificationPayload({ labelId: 'quality', ...answer }), options);
}

export function rangeEntry(
  key: string,
  start: number,
  end: number,
  options: { readonly labelId?: string; readonly imageId?: string; readonly target?: AnnotationTarget } = {},
): AnnotationEntry {
  const payload = frameRangePayload({
    labelId: options.labelId ?? 'systole',
    imageId: options.imageId ?? CINE,
    range: { start, end },
  });
  return entryOf(key, payload, options);
}

export function labelOf(id: string, type: string, extra: Partial<Label> = {}): Label {
  return {
    id,
    name: id,
    type,
    colour: '#e6194b',
    guideline: '',
    sortOrder: 0,
    classification: null,
    examples: [],
    ...extra,
  };
}
