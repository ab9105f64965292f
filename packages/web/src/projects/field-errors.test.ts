import { describe, expect, it } from 'vitest';
import { ApiRequestError } from '../api/api-error.js';
import { fieldErrorsOf, hasErrors, NO_ERRORS } from './field-errors.js';

describe('fieldErrorsOf', () => {
  it('puts validation details next to their fields', () => {
    const error = new ApiRequestError(400, 'VALIDATION_FAILED', 'body: …', [
      { path: 'body.colour', message: 'a colour is #rrggbb' },
      { path: 'body.code.system', message: 'Too small' },
    ]);
    expect(fieldErrorsOf(error)).toEqual({
      fields: { colour: 'a colour is #rrggbb', 'code.system': 'Too small' },
      form: null,
    });
  });

  it('shows a conflict or a refusal as the form message', () => {
    const error = new ApiRequestError(409, 'CONFLICT', "this project already has a label named 'Liver'");
    expect(fieldErrorsOf(error)).toEqual({
      fields: {},
      form: "this project already has a label named 'Liver'",
    });
  });

  it('keeps the message of a validation failure without a usable path', () => {
    const error = new ApiRequestError(400, 'VALIDATION_FAILED', 'body: bad', [
      { path: 'body', message: 'x' },
    ]);
    expect(fieldErrorsOf(error).form).toBe('body: bad');
  });

  it('knows when there is nothing to show', () => {
    expect(hasErrors(NO_ERRORS)).toBe(false);
    expect(hasErrors({ fields: { name: 'x' }, form: null })).toBe(true);
  });
});
