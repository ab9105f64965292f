import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API_ERRORS, ApiError } from './api-error.js';

describe('ApiError', () => {
  it('takes its status and default message from the table', () => {
    const e = new ApiError('CONFLICT');
    expect(e.statusCode).toBe(409);
    expect(e.message).toBe(API_ERRORS.CONFLICT.message);
  });

  it('is documented: docs/api-errors.md lists every code with its status', () => {
    const page = readFileSync(new URL('../../../../docs/api-errors.md', import.meta.url), 'utf8');
    // Table cells may be padded: the formatter aligns the columns.
    const rows = page.split('\n').map((line) => line.split('|').map((cell) => cell.trim()));
    for (const [code, { status }] of Object.entries(API_ERRORS)) {
      expect(rows.some((cells) => cells[1] === `\`${code}\`` && cells[2] === String(status))).toBe(true);
    }
  });
});
