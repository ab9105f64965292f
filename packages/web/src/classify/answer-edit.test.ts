import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AnnotationHistory } from '../annotations/annotation-history.js';
import { AnnotationStore } from '../annotations/annotation-store.js';
import { FakeAnnotationServer } from '../annotations/fake-annotation-server.js';
import { applyAnswerEdit, planAnswerEdit } from './answer-edit.js';
import { findAnswer } from './classification-answers.js';
import type { ClassificationLevel } from './classification-level.js';
import type { ClassificationValue } from './classification-question.js';
import { answerEntry, CINE, SERIES } from './test-entries.js';

const frame4 = { imageId: CINE, frameIndex: 4 };
const good = { kind: 'single', choice: 'good' } as const;
const poor = { kind: 'single', choice: 'poor' } as const;

describe('planAnswerEdit', () => {
  const saved = answerEntry('k', { level: 'image', value: good, imageRef: frame4 });
  const current = findAnswer([saved], { target: SERIES, imageRef: frame4 }, 'quality', 'image');
  const plan = (next: ClassificationValue | null, withCurrent = true) =>
    planAnswerEdit({
      current: withCurrent ? current : undefined,
      next,
      labelId: 'quality',
      level: 'image',
      imageRef: frame4,
    });

  it('creates the annotation on the first answer', () => {
    expect(plan(good, false)).toMatchObject({
      kind: 'create',
      labelId: 'quality',
      payload: { type: 'classification', imageRef: frame4, data: { level: 'image', value: good } },
    });
  });

  it('updates it when the answer changes, deletes it when cleared, and does nothing otherwise', () => {
    expect(plan(poor)).toMatchObject({ kind: 'update', key: 'k', payload: { data: { value: poor } } });
    expect(plan(null)).toEqual({ kind: 'delete', key: 'k' });
    expect(plan(good)).toEqual({ kind: 'none' });
    expect(plan(null, false)).toEqual({ kind: 'none' });
  });
});

describe('applying answers through the history', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function setup() {
    const server = new FakeAnnotationServer();
    const store = new AnnotationStore({ transport: server.transport(), debounceMs: 100 });
    const history = new AnnotationHistory(store);
    const scope = { target: SERIES, imageRef: frame4 };
    const answer = (level: ClassificationLevel, next: ClassificationValue | null, mergeKey?: string) => {
      const current = findAnswer(store.getSnapshot().entries, scope, 'quality', level);
      const edit = planAnswerEdit({ current, next, labelId: 'quality', level, imageRef: frame4 });
      applyAnswerEdit(history, SERIES, edit, mergeKey);
    };
    const valueAt = (level: ClassificationLevel) =>
      findAnswer(store.getSnapshot().entries, scope, 'quality', level)?.payload.data.value;
    return { server, store, history, answer, valueAt };
  }

  it('answers, changes and clears in one undo step each, and the server follows', async () => {
    const { server, store, history, answer, valueAt } = setup();
    answer('series', good);
    answer('series', poor);
    answer('series', poor); // unchanged: no step
    expect(history.undoDepth).toBe(2);
    await vi.advanceTimersByTimeAsync(500);
    const key = store.getSnapshot().entries[0]!.key;
    expect(server.head(store.get(key)!.serverId!)).toMatchObject({
      labelId: 'quality',
      seriesId: SERIES.seriesId,
      payload: { imageRef: { imageId: CINE }, data: { level: 'series', value: poor } },
    });
    answer('series', null);
    expect(valueAt('series')).toBeUndefined();
    expect(history.undoDepth).toBe(3);
    history.undo();
    expect(valueAt('series')).toEqual(poor);
    history.undo();
    expect(valueAt('series')).toEqual(good);
    history.undo();
    expect(store.getSnapshot().entries).toEqual([]);
  });

  it('keeps answers at different levels apart', () => {
    const { answer, valueAt, store } = setup();
    answer('image', good);
    answer('study', poor);
    expect(valueAt('image')).toEqual(good);
    expect(valueAt('study')).toEqual(poor);
    expect(valueAt('series')).toBeUndefined();
    expect(store.getSnapshot().entries).toHaveLength(2);
  });

  it('folds the saves of one text-editing visit into one undo step after the create', () => {
    const { history, answer, valueAt } = setup();
    answer('study', { kind: 'text', text: 'mot' }, 'visit-1');
    answer('study', { kind: 'text', text: 'motion' }, 'visit-1');
    answer('study', { kind: 'text', text: 'motion artefact' }, 'visit-1');
    answer('study', { kind: 'text', text: 'motion artefact, repeat' }, 'visit-2');
    expect(history.undoDepth).toBe(3);
    history.undo();
    expect(valueAt('study')).toEqual({ kind: 'text', text: 'motion artefact' });
    history.undo();
    expect(valueAt('study')).toEqual({ kind: 'text', text: 'mot' });
  });
});
