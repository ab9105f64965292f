import { scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SCRYPT_PARAMS,
  generatePassword,
  hashPassword,
  needsRehash,
  readScryptParams,
  verifyPassword,
} from './password.js';

/** Cheap parameters keep the suite fast; one test below uses the defaults. */
const fast = { N: 1024, r: 8, p: 1 };

describe('hashPassword / verifyPassword', () => {
  it('verifies the right password and rejects wrong ones, with the default parameters', async () => {
    const encoded = await hashPassword('correct horse battery staple');
    expect(encoded).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/);
    expect(await verifyPassword('correct horse battery staple', encoded)).toBe(true);
    expect(await verifyPassword('correct horse battery stapl', encoded)).toBe(false);
    expect(await verifyPassword('Correct horse battery staple', encoded)).toBe(false);
    expect(await verifyPassword('', encoded)).toBe(false);
  });

  it('stores what scrypt derives from the salt it records (checked with scryptSync directly)', async () => {
    const encoded = await hashPassword('pw', fast);
    const [, , , , salt, hash] = encoded.split('$') as string[];
    const expected = scryptSync('pw', Buffer.from(salt!, 'base64'), 32, fast).toString('base64');
    expect(hash).toBe(expected);
  });

  it('uses a different salt, so a different string, for every hash of the same password', async () => {
    const hashes = await Promise.all(Array.from({ length: 5 }, () => hashPassword('same password', fast)));
    expect(new Set(hashes.map((h) => h.split('$')[4])).size).toBe(5);
    expect(new Set(hashes).size).toBe(5);
    for (const h of hashes) expect(await verifyPassword('same password', h)).toBe(true);
  });

  it('reads the parameters from the string, not from the current defaults', async () => {
    const encoded = await hashPassword('old hash', { N: 2048, r: 4, p: 2 });
    expect(readScryptParams(encoded)).toEqual({ N: 2048, r: 4, p: 2 });
    expect(await verifyPassword('old hash', encoded)).toBe(true);
    // Changing a parameter in the string changes the derived key, so the password no longer matches.
    expect(await verifyPassword('old hash', encoded.replace('$2048$', '$4096$'))).toBe(false);
    expect(await verifyPassword('old hash', encoded.replace('$4$2$', '$4$1$'))).toBe(false);
  });

  it('matches the same password in composed and decomposed Unicode forms', async () => {
    const encoded = await hashPassword('Größe Ångström', fast);
    expect(await verifyPassword('Größe Ångström'.normalize('NFD'), encoded)).toBe(true);
  });

  it('flags hashes made with other parameters for rehashing', async () => {
    expect(needsRehash(await hashPassword('x', fast))).toBe(true);
    expect(needsRehash(await hashPassword('x', fast), fast)).toBe(false);
    expect(needsRehash('garbage')).toBe(true);
  });

  it('refuses to hash with unsafe parameters', async () => {
    await expect(hashPassword('x', { N: 1000, r: 8, p: 1 })).rejects.toThrow(RangeError);
    await expect(hashPassword('x', { N: 2 ** 21, r: 8, p: 1 })).rejects.toThrow(RangeError);
  });
});

describe('tampered or malformed encodings give false, never throw', async () => {
  const good = await hashPassword('the password', fast);
  const [, n, r, p, salt, hash] = good.split('$') as string[];
  const flipped = Buffer.from(hash!, 'base64');
  flipped[0]! ^= 1;
  const cases: [string, string][] = [
    ['empty', ''],
    ['another scheme', good.replace('scrypt', 'bcrypt')],
    ['a field missing', ['scrypt', n, r, p, salt].join('$')],
    ['an extra field', `${good}$x`],
    ['a flipped hash bit', ['scrypt', n, r, p, salt, flipped.toString('base64')].join('$')],
    ['another salt', ['scrypt', n, r, p, Buffer.alloc(16, 1).toString('base64'), hash].join('$')],
    ['a truncated hash', ['scrypt', n, r, p, salt, hash!.slice(0, 20)].join('$')],
    ['a short hash', ['scrypt', n, r, p, salt, Buffer.alloc(8).toString('base64')].join('$')],
    ['a short salt', ['scrypt', n, r, p, Buffer.alloc(4).toString('base64'), hash].join('$')],
    ['non-base64 hash', ['scrypt', n, r, p, salt, `${hash!.slice(0, -2)}!=`].join('$')],
    ['base64url in place of base64', ['scrypt', n, r, p, salt!.replace(/^./, '-'), hash].join('$')],
    ['N not a power of two', ['scrypt', 1000, r, p, salt, hash].join('$')],
    ['N of zero', ['scrypt', 0, r, p, salt, hash].join('$')],
    ['N too large (memory exhaustion)', ['scrypt', 2 ** 24, r, p, salt, hash].join('$')],
    ['r too large', ['scrypt', n, 1000, p, salt, hash].join('$')],
    ['p of zero', ['scrypt', n, r, 0, salt, hash].join('$')],
    ['negative r', ['scrypt', n, -8, p, salt, hash].join('$')],
    ['hex N', ['scrypt', '0x400', r, p, salt, hash].join('$')],
    ['leading zero', ['scrypt', `0${n}`, r, p, salt, hash].join('$')],
    ['fractional p', ['scrypt', n, r, '1.5', salt, hash].join('$')],
  ];
  for (const [name, encoded] of cases) {
    it(name, async () => {
      await expect(verifyPassword('the password', encoded)).resolves.toBe(false);
    });
  }

  it('non-string input', async () => {
    await expect(verifyPassword('the password', undefined as unknown as string)).resolves.toBe(false);
    await expect(verifyPassword('the password', null as unknown as string)).resolves.toBe(false);
  });

  it('and the untampered string still verifies', async () => {
    expect(await verifyPassword('the password', good)).toBe(true);
  });
});

describe('generatePassword', () => {
  it('makes 20 URL-safe characters by default, different every time', () => {
    const passwords = Array.from({ length: 200 }, () => generatePassword());
    for (const p of passwords) expect(p).toMatch(/^[A-Za-z0-9_-]{20}$/);
    expect(new Set(passwords).size).toBe(200);
    expect(encodeURIComponent(passwords[0]!)).toBe(passwords[0]);
  });

  it('uses the whole alphabet (it is random, not a fixed pattern)', () => {
    const seen = new Set(Array.from({ length: 500 }, () => generatePassword()).join(''));
    expect(seen.size).toBe(64);
  });

  it('takes a length, at least 12 so that it passes VOXELHUB_ADMIN_PASSWORD validation', () => {
    expect(generatePassword(32)).toHaveLength(32);
    expect(generatePassword(13)).toHaveLength(13);
    expect(() => generatePassword(8)).toThrow(RangeError);
  });

  it('generates passwords that hash and verify', async () => {
    const password = generatePassword();
    expect(await verifyPassword(password, await hashPassword(password, fast))).toBe(true);
  });
});

it('default parameters are the documented ones', () => {
  expect(DEFAULT_SCRYPT_PARAMS).toEqual({ N: 32768, r: 8, p: 1 });
});
