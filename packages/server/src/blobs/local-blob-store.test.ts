import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BlobError } from './blob-error.js';
import { LocalBlobStore } from './local-blob-store.js';

let root: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'voxelhub-blobs-'));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');
const bytesOf = (s: string) => new TextEncoder().encode(s);

/** Every file under `dir`, relative to it. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}

async function collect(keys: AsyncIterable<string>): Promise<string[]> {
  const all: string[] = [];
  for await (const key of keys) all.push(key);
  return all;
}

async function rejection(promise: Promise<unknown>): Promise<BlobError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BlobError);
  return error as BlobError;
}

describe('LocalBlobStore', () => {
  it('stores bytes under their SHA-256 in root/ab/cd/<hash> and reads them back', async () => {
    const store = await LocalBlobStore.open(root);
    const content = bytesOf('a CT volume, more or less');
    const key = sha256(content);
    expect(await store.put(content)).toEqual({ key, size: content.byteLength, created: true });
    expect(await filesUnder(root)).toEqual([join(key.slice(0, 2), key.slice(2, 4), key)]);
    expect(await store.getBytes(key)).toEqual(content);
    expect(await text(await store.get(key))).toBe('a CT volume, more or less');
    expect(await store.has(key)).toBe(true);
    const info = await store.stat(key);
    expect(info?.size).toBe(content.byteLength);
    expect(info?.storedAt).toBeInstanceOf(Date);
    expect(await collect(store.keys())).toEqual([key]);
  });

  it('streams a Readable source in chunks and hashes exactly the bytes written', async () => {
    const store = await LocalBlobStore.open(root);
    const chunks = ['first ', 'second ', '', 'third'].map(bytesOf);
    const result = await store.put(Readable.from(chunks));
    expect(result).toEqual({ key: sha256('first second third'), size: 18, created: true });
    expect(
      await readFile(join(root, result.key.slice(0, 2), result.key.slice(2, 4), result.key), 'utf8'),
    ).toBe('first second third');
  });

  it('stores the empty blob', async () => {
    const store = await LocalBlobStore.open(root);
    const { key, size } = await store.put(new Uint8Array(0));
    expect(key).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(size).toBe(0);
    expect(await store.getBytes(key)).toEqual(new Uint8Array(0));
  });

  it('reads inclusive byte ranges and rejects ranges outside the blob', async () => {
    const store = await LocalBlobStore.open(root);
    const { key } = await store.put(bytesOf('0123456789'));
    expect(await text(await store.get(key, { start: 2, end: 4 }))).toBe('234');
    expect(await text(await store.get(key, { start: 7 }))).toBe('789');
    expect((await rejection(store.get(key, { start: 5, end: 10 }))).code).toBe('INVALID_RANGE');
    expect((await rejection(store.get(key, { start: 6, end: 5 }))).code).toBe('INVALID_RANGE');
    expect((await rejection(store.get(key, { start: -1 }))).code).toBe('INVALID_RANGE');
  });

  it('is idempotent: the same content twice is one file, and the second put reports created:false', async () => {
    const store = await LocalBlobStore.open(root);
    const first = await store.put(bytesOf('same'));
    const second = await store.put(Readable.from([bytesOf('sa'), bytesOf('me')]));
    expect(second).toEqual({ ...first, created: false });
    expect(await filesUnder(root)).toHaveLength(1);
  });

  it('takes a key the caller computed of in-memory bytes, checking its form, and only for such bytes', async () => {
    const store = await LocalBlobStore.open(root);
    const bytes = bytesOf('hashed by the caller');
    const put = await store.put(bytes, { knownKey: sha256(bytes) });
    expect(put).toEqual({ key: sha256(bytes), size: bytes.length, created: true });
    expect(await readFile(join(root, put.key.slice(0, 2), put.key.slice(2, 4), put.key))).toEqual(
      Buffer.from(bytes),
    );
    await expect(store.put(bytes, { knownKey: 'not-a-key' })).rejects.toMatchObject({ code: 'INVALID_KEY' });
    await expect(store.put(Readable.from([bytes]), { knownKey: sha256(bytes) })).rejects.toThrow(/known key/);
  });

  it('20 concurrent puts of the same content leave one file, one creator and no temp files', async () => {
    const store = await LocalBlobStore.open(root);
    const content = new Uint8Array(3 * 1024 * 1024).map((_, i) => (i * 7) % 251);
    // Each put streams in 64 KiB pieces so that the writes genuinely interleave.
    const puts = Array.from({ length: 20 }, () =>
      store.put(
        Readable.from(
          (function* () {
            for (let at = 0; at < content.length; at += 65536) yield content.subarray(at, at + 65536);
          })(),
        ),
      ),
    );
    const results = await Promise.all(puts);
    expect(new Set(results.map((r) => r.key))).toEqual(new Set([sha256(content)]));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await filesUnder(root)).toHaveLength(1);
    expect(await readdir(join(root, 'tmp'))).toEqual([]);
    expect(sha256(await store.getBytes(results[0]!.key))).toBe(sha256(content));
  });

  it('deletes: true when a blob was removed, false when there was none', async () => {
    const store = await LocalBlobStore.open(root);
    const { key } = await store.put(bytesOf('delete me'));
    expect(await store.delete(key)).toBe(true);
    expect(await store.delete(key)).toBe(false);
    expect(await store.has(key)).toBe(false);
    expect(await store.stat(key)).toBeUndefined();
    expect((await rejection(store.get(key))).code).toBe('NOT_FOUND');
    expect((await rejection(store.getBytes(key))).code).toBe('NOT_FOUND');
    expect(await store.put(bytesOf('delete me'))).toMatchObject({ key, created: true });
  });

  it('rejects keys that are not 64 lowercase hex digits in every method, before touching the filesystem', async () => {
    const store = await LocalBlobStore.open(root);
    const { key } = await store.put(bytesOf('x'));
    const invalid = [
      '../etc/passwd',
      `../../${key}`,
      key.toUpperCase(),
      key.slice(0, 63),
      `${key}0`,
      `${key.slice(0, 63)}/`,
      '',
      `${key.slice(0, 2)}/${key.slice(2, 4)}/${key.slice(0, 58)}`,
    ];
    for (const bad of invalid) {
      for (const call of [
        store.get(bad),
        store.getBytes(bad),
        store.has(bad),
        store.stat(bad),
        store.delete(bad),
      ]) {
        expect((await rejection(call)).code).toBe('INVALID_KEY');
      }
    }
    expect(await store.has(key)).toBe(true);
  });

  it('aborts an upload over the limit while streaming, removes the temp file and keeps nothing', async () => {
    const store = await LocalBlobStore.open(root, { maxBytes: 1000 });
    let pulled = 0;
    const source = Readable.from(
      (function* () {
        for (let i = 0; i < 100; i++) {
          pulled++;
          yield new Uint8Array(300);
        }
      })(),
    );
    const error = await rejection(store.put(source));
    expect(error.code).toBe('TOO_LARGE');
    expect(error.message).toContain('1000 bytes');
    expect(pulled).toBeLessThan(10); // stopped reading at the limit, not after the whole source
    expect(source.destroyed).toBe(true);
    expect(await filesUnder(root)).toEqual([]);

    expect((await rejection(store.put(new Uint8Array(1001)))).code).toBe('TOO_LARGE');
    expect((await store.put(new Uint8Array(1000))).size).toBe(1000); // the limit itself is allowed
    expect((await rejection(store.put(new Uint8Array(20), { maxBytes: 10 }))).code).toBe('TOO_LARGE');
    expect(await filesUnder(join(root, 'tmp'))).toEqual([]);
  });

  it('removes the temp file when the source fails mid-upload', async () => {
    const store = await LocalBlobStore.open(root);
    const source = (async function* () {
      yield bytesOf('partial');
      throw new Error('client went away');
    })();
    await expect(store.put(source)).rejects.toThrow('client went away');
    expect(await filesUnder(root)).toEqual([]);
  });

  it('refuses string chunks (a stream with an encoding set) rather than hashing decoded text', async () => {
    const store = await LocalBlobStore.open(root);
    await expect(store.put(Readable.from(['text']) as never)).rejects.toThrow(TypeError);
    expect(await filesUnder(root)).toEqual([]);
  });

  it('cleans temp files left by a crash between temp write and rename on the next open', async () => {
    const store = await LocalBlobStore.open(root);
    const { key } = await store.put(bytesOf('kept'));
    const leftover = join(root, 'tmp', 'crashed-upload.tmp');
    await writeFile(leftover, 'half an upload');
    const reopened = await LocalBlobStore.open(root);
    expect(reopened.staleTempFilesRemoved).toBe(1);
    expect(await readdir(join(root, 'tmp'))).toEqual([]);
    expect(await reopened.getBytes(key)).toEqual(bytesOf('kept'));
  });

  it('with staleTempMs, removes only temp files older than that (other processes may be uploading)', async () => {
    await LocalBlobStore.open(root);
    const old = join(root, 'tmp', 'old.tmp');
    const recent = join(root, 'tmp', 'recent.tmp');
    await writeFile(old, 'x');
    await writeFile(recent, 'y');
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
    await utimes(old, twoHoursAgo, twoHoursAgo);
    const store = await LocalBlobStore.open(root, { staleTempMs: 3600_000 });
    expect(store.staleTempFilesRemoved).toBe(1);
    expect(await readdir(join(root, 'tmp'))).toEqual(['recent.tmp']);
  });

  it('replaces a stored copy whose size no longer matches its key (damaged outside the store)', async () => {
    const store = await LocalBlobStore.open(root);
    const { key } = await store.put(bytesOf('intact content'));
    const path = join(root, key.slice(0, 2), key.slice(2, 4), key);
    await writeFile(path, 'trunc');
    expect(await store.put(bytesOf('intact content'))).toMatchObject({ key, created: true });
    expect(await readFile(path, 'utf8')).toBe('intact content');
    expect((await stat(path)).nlink).toBe(1);
  });

  it('lists only keys stored in their own shard', async () => {
    const store = await LocalBlobStore.open(root);
    const a = await store.put(bytesOf('a'));
    const b = await store.put(bytesOf('b'));
    await writeFile(join(root, a.key.slice(0, 2), a.key.slice(2, 4), 'notes.txt'), 'stray');
    expect((await collect(store.keys())).sort()).toEqual([a.key, b.key].sort());
  });
});
