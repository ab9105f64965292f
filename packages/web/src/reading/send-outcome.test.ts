import { describe, expect, it } from 'vitest';
import { ApiRequestError } from '../api/api-error.js';
import type { Member } from '../projects/member-types.js';
import { readerShortfall, sendProblemOf, sentItems } from './send-outcome.js';

// Target key → the name the list showed (itemsRequest's names).
const names = new Map([['series:se1', 'SUBJ-01 · Axial']]);

const reader = (displayName: string) => ({
  userId: displayName,
  displayName,
  taskId: `t-${displayName}`,
  taskStatus: 'todo' as const,
});

describe('sentItems', () => {
  it('names each item as the list did, with its readers', () => {
    expect(
      sentItems(
        [
          { id: 'i1', imageId: null, seriesId: 'se1', readers: [reader('Ana'), reader('Ben')] },
          { id: 'i2', imageId: 'img9', seriesId: null, readers: [reader('Cy')] },
        ],
        names,
      ),
    ).toEqual([
      { itemId: 'i1', name: 'SUBJ-01 · Axial', readers: ['Ana', 'Ben'] },
      { itemId: 'i2', name: 'image img9', readers: ['Cy'] },
    ]);
  });
});

describe('sendProblemOf', () => {
  it('turns too few annotators into advice to add some', () => {
    // As create-reading-items.ts answers it: VALIDATION_FAILED at body.items.
    const message = 'each item needs 3 different readers, but the project has 2 annotators';
    const error = new ApiRequestError(400, 'VALIDATION_FAILED', `body.items: ${message}`, [
      { path: 'body.items', message },
    ]);
    expect(sendProblemOf(error, names)).toEqual({
      message: 'Each item needs 3 different readers, but the project has 2 annotators.',
      remedy: 'add-annotators',
    });
    const one = new ApiRequestError(400, 'VALIDATION_FAILED', 'body.items: …', [
      { path: 'body.items', message: 'each item needs 2 different readers, but the project has 1 annotator' },
    ]);
    expect(sendProblemOf(one, names).message).toBe(
      'Each item needs 2 different readers, but the project has 1 annotator.',
    );
  });

  it('names every image or series that is already an item, and asks for a fresh list', () => {
    // As create-reading-items.ts answers: the message names the first, details.existing all of them.
    const one = new ApiRequestError(409, 'CONFLICT', 'series se1 is already item abc', {
      existing: [{ index: 0, imageId: null, seriesId: 'se1', itemId: 'abc' }],
    });
    expect(sendProblemOf(one, names)).toEqual({
      message: 'SUBJ-01 · Axial (item abc) was sent to readers before.',
      remedy: 'refresh',
    });
    const two = new ApiRequestError(409, 'CONFLICT', 'series se1 is already item abc (and 1 more)', {
      existing: [
        { index: 0, imageId: null, seriesId: 'se1', itemId: 'abc' },
        { index: 3, imageId: 'unknown', seriesId: null, itemId: 'def' },
      ],
    });
    expect(sendProblemOf(two, names).message).toBe(
      'SUBJ-01 · Axial (item abc), image unknown (item def) were sent to readers before.',
    );
  });

  it('passes any other failure on as the server said it', () => {
    const invalid = new ApiRequestError(400, 'VALIDATION_FAILED', 'body.items.0.seriesId: …', [
      { path: 'body.items.0.seriesId', message: 'no series x in this project' },
    ]);
    expect(sendProblemOf(invalid, names)).toEqual({
      message: 'no series x in this project',
      remedy: null,
    });
    const refused = new ApiRequestError(403, 'FORBIDDEN', 'managers only');
    expect(sendProblemOf(refused, names)).toEqual({ message: 'managers only', remedy: null });
    expect(sendProblemOf(new Error('offline'), names)).toEqual({ message: 'offline', remedy: null });
  });
});

describe('readerShortfall', () => {
  const member = (role: Member['role'], n: number): Member => ({
    userId: `${role}${n}`,
    username: `${role}${n}`,
    displayName: `${role} ${n}`,
    role,
    since: '',
  });

  it('counts only annotators as readers', () => {
    const members = [
      member('owner', 1),
      member('annotator', 1),
      member('annotator', 2),
      member('reviewer', 1),
    ];
    expect(readerShortfall(2, members)).toBeNull();
    expect(readerShortfall(3, members)).toBe(
      'Each item needs 3 different readers, but the project has 2 annotators.',
    );
    expect(readerShortfall(1, [member('manager', 1)])).toBe(
      'Each item needs 1 reader, but the project has 0 annotators.',
    );
  });
});
