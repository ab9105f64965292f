import { describe, expect, it } from 'vitest';
import { addMark, MAX_MARKS, NO_MARKS, removeMark, undoMark } from './marked-regions.js';

const a = { x: 0, y: 0, width: 10, height: 5 };
const b = { x: 20, y: 20, width: 4, height: 4 };

describe('marked regions', () => {
  it('undoes additions last first', () => {
    const two = addMark(addMark(NO_MARKS, a), b);
    expect(two.regions).toEqual([a, b]);
    expect(undoMark(two).regions).toEqual([a]);
    expect(undoMark(undoMark(two)).regions).toEqual([]);
  });

  it('undoes a removal too', () => {
    const removed = removeMark(addMark(addMark(NO_MARKS, a), b), 0);
    expect(removed.regions).toEqual([b]);
    expect(undoMark(removed).regions).toEqual([a, b]);
  });

  it('leaves the state alone when there is nothing to undo or remove', () => {
    expect(undoMark(NO_MARKS)).toBe(NO_MARKS);
    expect(removeMark(NO_MARKS, 0)).toBe(NO_MARKS);
  });

  it('stops at the number of regions the API takes', () => {
    let marks = NO_MARKS;
    for (let i = 0; i < MAX_MARKS + 5; i++) marks = addMark(marks, { ...a, x: i });
    expect(marks.regions).toHaveLength(MAX_MARKS);
  });
});
