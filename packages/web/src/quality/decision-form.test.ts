import { describe, expect, it } from 'vitest';
import { ApiRequestError } from '../api/api-error.js';
import { decisionErrorMessage, isStale, MAX_COMMENT_LENGTH, sendBackDecision } from './decision-form.js';

describe('sendBackDecision', () => {
  const all = ['u1', 'u2', 'u3'];

  it('requires a comment of 1 to 2000 characters after trimming', () => {
    expect(sendBackDecision('   ', all, all)).toEqual({
      ok: false,
      problem: 'Write what the readers should change.',
    });
    const long = sendBackDecision('x'.repeat(MAX_COMMENT_LENGTH + 1), all, all);
    expect(long.ok).toBe(false);
    expect(sendBackDecision('x'.repeat(MAX_COMMENT_LENGTH), all, all).ok).toBe(true);
  });

  it('requires at least one reader', () => {
    expect(sendBackDecision('redo the rim', [], all)).toEqual({
      ok: false,
      problem: 'Choose at least one reader to send it back to.',
    });
  });

  it('leaves readerIds out for everyone and lists them in reader order otherwise', () => {
    expect(sendBackDecision(' redo the rim ', ['u3', 'u1', 'u2'], all)).toEqual({
      ok: true,
      decision: { action: 'send-back', comment: 'redo the rim' },
    });
    expect(sendBackDecision('redo', ['u3', 'u1', 'stranger'], all)).toEqual({
      ok: true,
      decision: { action: 'send-back', comment: 'redo', readerIds: ['u1', 'u3'] },
    });
  });
});

describe('decisionErrorMessage', () => {
  it('turns a 409 into "this item changed; reload"', () => {
    const conflict = new ApiRequestError(409, 'CONFLICT', 'item is resolved');
    expect(decisionErrorMessage(conflict)).toMatch(/changed since you opened it.*Reload/);
    expect(isStale(conflict)).toBe(true);
  });

  it('says plainly what else went wrong', () => {
    expect(decisionErrorMessage(new ApiRequestError(403, 'FORBIDDEN', 'no'))).toBe(
      'You may not review items in this project.',
    );
    expect(decisionErrorMessage(new ApiRequestError(0, 'NETWORK', 'down'))).toMatch(/cannot be reached/);
    expect(decisionErrorMessage(new ApiRequestError(400, 'VALIDATION', 'comment too long'))).toBe(
      'comment too long (VALIDATION)',
    );
    expect(decisionErrorMessage(new Error('boom'))).toBe('boom');
    expect(isStale(new Error('boom'))).toBe(false);
  });
});
