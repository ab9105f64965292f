import type { AnnotationPayload } from '@voxelhub/core/annotation';
import { describe, expect, it } from 'vitest';
import { mergePayloads } from './merge-payloads.js';
import { classification, frameRange, length, point } from './sample-payloads.js';

const multiple = (...choices: string[]) => classification({ kind: 'multiple', choices });
const text = (value: string) => classification({ kind: 'text', text: value });

describe('mergePayloads', () => {
  it.each([
    ['adds their new choices after mine', multiple('a', 'b'), multiple('c', 'b'), ['a', 'b', 'c']],
    ['keeps mine when theirs add nothing', multiple('a', 'b'), multiple('b'), ['a', 'b']],
    ['takes theirs when I chose nothing', multiple(), multiple('x'), ['x']],
  ])('multiple choice: %s', (_, mine, theirs, choices) => {
    expect(mergePayloads(mine, theirs)).toEqual(multiple(...choices));
  });

  it.each([
    ['joins two texts, mine first', 'nodule RUL', 'calcified', 'nodule RUL\ncalcified'],
    ['keeps one copy of equal texts', 'same', 'same', 'same'],
    ['keeps mine over an empty text', 'mine', '', 'mine'],
    ['takes theirs when mine is empty', '', 'theirs', 'theirs'],
  ])('free text: %s', (_, mine, theirs, joined) => {
    expect(mergePayloads(text(mine), text(theirs))).toEqual(text(joined));
  });

  it.each([
    ['overlapping', [2, 6], [4, 9], [2, 9]],
    ['one inside the other', [0, 20], [5, 6], [0, 20]],
    ['touching (no frame added)', [0, 4], [5, 8], [0, 8]],
    ['touching, theirs first', [5, 8], [0, 4], [0, 8]],
  ] as const)('frame ranges %s → their span', (_, mine, theirs, span) => {
    expect(mergePayloads(frameRange(mine[0], mine[1]), frameRange(theirs[0], theirs[1]))).toEqual(
      frameRange(span[0], span[1]),
    );
  });

  it('does not bridge frame ranges with a gap: the frames between were in neither', () => {
    expect(mergePayloads(frameRange(0, 3), frameRange(5, 8))).toBeUndefined();
  });

  it('offers nothing for two single choices, or for single against multiple', () => {
    const single = (choice: string) => classification({ kind: 'single', choice });
    expect(mergePayloads(single('a'), single('b'))).toBeUndefined();
    expect(mergePayloads(single('a'), multiple('b'))).toBeUndefined();
  });

  it('offers nothing for two positions of one shape', () => {
    expect(
      mergePayloads(length(point(0, 0), point(10, 0)), length(point(0, 0), point(20, 0))),
    ).toBeUndefined();
  });

  it('offers nothing across types, labels, images or classification levels', () => {
    const other = (change: Partial<AnnotationPayload>) =>
      ({ ...multiple('b'), ...change }) as AnnotationPayload;
    expect(mergePayloads(multiple('a'), frameRange(0, 1))).toBeUndefined();
    expect(mergePayloads(multiple('a'), other({ labelId: 'label-2' }))).toBeUndefined();
    expect(mergePayloads(multiple('a'), other({ imageRef: { imageId: 'img-2' } }))).toBeUndefined();
    const seriesLevel = classification({ kind: 'multiple', choices: ['b'] }, 'series');
    expect(mergePayloads(multiple('a'), seriesLevel)).toBeUndefined();
  });

  it('offers nothing when the merge would break a limit (1,000 choices)', () => {
    const many = (from: number) => multiple(...Array.from({ length: 600 }, (_, i) => `c${from + i}`));
    expect(mergePayloads(many(0), many(600))).toBeUndefined();
  });
});
