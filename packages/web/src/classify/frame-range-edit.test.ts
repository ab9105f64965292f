import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AnnotationHistory } from '../annotations/annotation-history.js';
import { AnnotationStore } from '../annotations/annotation-store.js';
import { FakeAnnotationServer } from '../annotations/fake-annotation-server.js';
import { createFrameRange, moveRangeEdge, relabelRange } from './frame-range-edit.js';
import { frameRangeItems } from './frame-range-items.js';
import { CINE, SERIES } from './test-entries.js';

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
  const items = () => frameRangeItems(store.getSnapshot().entries, SERIES, CINE);
  const add = (labelId: string, start: number, end: number) =>
    createFrameRange(history, SERIES, { labelId, imageId: CINE, range: { start, end } });
  return { server, store, history, items, add };
}

describe('editing frame ranges', () => {
  it('creates a frameRange annotation on the whole cine, which the server stores', async () => {
    const { server, store, add } = setup();
    const key = add('systole', 3, 12);
    await vi.advanceTimersByTimeAsync(500);
    expect(server.head(store.get(key)!.serverId!)).toMatchObject({
      labelId: 'systole',
      seriesId: SERIES.seriesId,
      payload: { type: 'frameRange', imageRef: { imageId: CINE }, data: { start: 3, end: 12 } },
    });
  });

  it('keeps overlapping ranges, of one label or several, as separate annotations', () => {
    const { items, add } = setup();
    add('systole', 3, 12);
    add('systole', 10, 20);
    add('contrast', 0, 30);
    expect(items().map((i) => [i.labelId, i.range.start, i.range.end])).toEqual([
      ['contrast', 0, 30],
      ['systole', 3, 12],
      ['systole', 10, 20],
    ]);
  });

  it('moves an end to the current frame, swapping when it passes the other end, one undo step each', () => {
    const { history, items, add } = setup();
    add('systole', 3, 12);
    moveRangeEdge(history, items()[0]!, 'start', 20);
    expect(items()[0]!.range).toEqual({ start: 12, end: 20 });
    moveRangeEdge(history, items()[0]!, 'end', 15);
    expect(items()[0]!.range).toEqual({ start: 12, end: 15 });
    expect(history.undoDepth).toBe(3);
    history.undo();
    expect(items()[0]!.range).toEqual({ start: 12, end: 20 });
    history.undo();
    expect(items()[0]!.range).toEqual({ start: 3, end: 12 });
  });

  it('adds no undo step when an end is moved where it already is', () => {
    const { history, items, add } = setup();
    add('systole', 3, 12);
    moveRangeEdge(history, items()[0]!, 'end', 12);
    expect(history.undoDepth).toBe(1);
  });

  it('relabels a range, payload included', () => {
    const { store, history, items, add } = setup();
    const key = add('systole', 3, 12);
    relabelRange(history, items()[0]!, 'diastole');
    expect(store.get(key)!.content).toMatchObject({ labelId: 'diastole', payload: { labelId: 'diastole' } });
    relabelRange(history, items()[0]!, 'diastole');
    expect(history.undoDepth).toBe(2);
  });

  it('deletes a range, and undo brings it back', () => {
    const { history, items, add } = setup();
    const key = add('systole', 3, 12);
    history.delete(key);
    expect(items()).toEqual([]);
    history.undo();
    expect(items().map((i) => i.key)).toEqual([key]);
  });
});
