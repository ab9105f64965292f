import { describe, expect, it } from 'vitest';
import { answersOfLabel, findAnswer } from './classification-answers.js';
import { answerEntry, CINE, rangeEntry, SERIES } from './test-entries.js';

const good = { kind: 'single', choice: 'good' } as const;
const poor = { kind: 'single', choice: 'poor' } as const;
const frame = (i: number) => ({ imageId: CINE, frameIndex: i });
const here = { target: SERIES, imageRef: frame(4) };

describe('which answers the panel shows', () => {
  it('shows an image-level answer only on its own frame', () => {
    const entries = [
      answerEntry('f3', { level: 'image', value: poor, imageRef: frame(3) }),
      answerEntry('f4', { level: 'image', value: good, imageRef: frame(4) }),
    ];
    expect(findAnswer(entries, here, 'quality', 'image')?.entry.key).toBe('f4');
    expect(findAnswer(entries, { ...here, imageRef: frame(3) }, 'quality', 'image')?.entry.key).toBe('f3');
    expect(findAnswer(entries, { ...here, imageRef: frame(5) }, 'quality', 'image')).toBeUndefined();
  });

  it('shows series and study answers on every frame, whichever image they name', () => {
    const entries = [
      answerEntry('s', { level: 'series', value: good, imageRef: { imageId: 'other-image' } }),
      answerEntry('t', { level: 'study', value: poor, imageRef: { imageId: CINE } }),
    ];
    const answers = answersOfLabel(entries, here, 'quality');
    expect(answers.series?.entry.key).toBe('s');
    expect(answers.study?.entry.key).toBe('t');
    expect(answers.image).toBeUndefined();
  });

  it('leaves out answers of another target, another task, another label, deleted ones and other types', () => {
    const series = { level: 'series', value: good, imageRef: frame(4) } as const;
    const entries = [
      answerEntry('other-series', series, { target: { seriesId: 'series-2' } }),
      answerEntry('other-task', series, { target: { ...SERIES, taskId: 'task-1' } }),
      answerEntry('other-label', { ...series, labelId: 'density' }),
      answerEntry('deleted', series, { deleted: true }),
      rangeEntry('range', 0, 4, { labelId: 'quality' }),
    ];
    expect(answersOfLabel(entries, here, 'quality')).toEqual({});
    expect(findAnswer(entries, here, 'density', 'series')?.entry.key).toBe('other-label');
  });

  it('shows the first of two answers at one level (two tabs answered at once)', () => {
    const entries = [
      answerEntry('first', { level: 'series', value: good, imageRef: frame(0) }),
      answerEntry('second', { level: 'series', value: poor, imageRef: frame(1) }),
    ];
    expect(findAnswer(entries, here, 'quality', 'series')?.payload.data.value).toEqual(good);
  });
});
