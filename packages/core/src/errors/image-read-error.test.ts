import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { asReadError, ImageReadError, READ_ERROR_CODES } from './image-read-error.js';

describe('ImageReadError', () => {
  it('names the file and the problem', () => {
    const e = new ImageReadError('TRUNCATED', 'the dataset ends early', '/data/a.dcm');
    expect(e.message).toBe('/data/a.dcm: the dataset ends early');
    expect(e.withFile('/other').file).toBe('/data/a.dcm');
    expect(new ImageReadError('IO', 'x').withFile('/b').message).toBe('/b: x');
  });

  it('wraps strings, numbers and errors thrown by third-party code', () => {
    expect(asReadError('bad thing', 'MALFORMED', 'f').message).toBe('f: bad thing');
    expect(asReadError(42, 'CODEC_FAILED').message).toBe('error 42');
    expect(asReadError(new TypeError('oops'), 'MALFORMED').code).toBe('MALFORMED');
  });

  it('is documented: docs/errors.md lists every code', () => {
    const page = readFileSync(new URL('../../../../docs/errors.md', import.meta.url), 'utf8');
    for (const code of Object.keys(READ_ERROR_CODES)) expect(page).toContain(`\`${code}\``);
  });
});
