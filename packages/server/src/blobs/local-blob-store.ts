import { randomUUID } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { link, mkdir, open, readdir, readFile, rename, rm, stat, unlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { z } from 'zod';
import { BlobError } from './blob-error.js';
import { assertBlobKey, isBlobKey } from './blob-key.js';
import type { BlobSource, BlobStat, BlobStore, ByteRange, PutOptions, PutResult } from './blob-store.js';
import { fsyncDirectory } from './fsync-directory.js';
import { type TempBlob, writeTempBlob } from './write-temp-blob.js';

const optionsSchema = z.object({
  /** Default upload limit in bytes; unlimited when absent. */
  maxBytes: z.number().int().nonnegative().optional(),
  /**
   * Temp files at least this old are removed on open. 0 (the default) removes all of them, which is right when
   * one server process owns the directory; raise it if several processes share one blob directory.
   */
  staleTempMs: z.number().nonnegative().default(0),
});

export type LocalBlobStoreOptions = z.input<typeof optionsSchema>;

const TEMP_DIR = 'tmp';
const SHARD = /^[0-9a-f]{2}$/;
/** Filesystems without hard links; we fall back to rename, which may report created:true twice in a race. */
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EMLINK']);

/**
 * Blobs as files under `root/ab/cd/<key>`. Two levels of 256 shards keep directories small at millions of
 * blobs. Uploads are written to `root/tmp` (same filesystem, so the final step is atomic) and published with
 * link(): unlike rename it fails if the key already exists, so concurrent puts of the same content
 * agree on which one created it and the stored copy is never replaced while someone reads it.
 */
export class LocalBlobStore implements BlobStore {
  readonly root: string;
  /** How many leftover temp files (from a crash or kill mid-upload) open() removed. */
  readonly staleTempFilesRemoved: number;
  private readonly maxBytes: number;
  private readonly tempDir: string;

  private constructor(root: string, maxBytes: number, staleTempFilesRemoved: number) {
    this.root = root;
    this.tempDir = join(root, TEMP_DIR);
    this.maxBytes = maxBytes;
    this.staleTempFilesRemoved = staleTempFilesRemoved;
  }

  /** Creates `root` if needed and removes stale temp files. */
  static async open(root: string, options: LocalBlobStoreOptions = {}): Promise<LocalBlobStore> {
    const { maxBytes, staleTempMs } = optionsSchema.parse(options);
    const absolute = resolve(root);
    await mkdir(join(absolute, TEMP_DIR), { recursive: true, mode: 0o750 });
    const removed = await removeStaleTempFiles(join(absolute, TEMP_DIR), staleTempMs);
    return new LocalBlobStore(absolute, maxBytes ?? Number.POSITIVE_INFINITY, removed);
  }

  async put(source: BlobSource, options: PutOptions = {}): Promise<PutResult> {
    const maxBytes = options.maxBytes ?? this.maxBytes;
    if (options.knownKey !== undefined) assertBlobKey(options.knownKey);
    const temp = await writeTempBlob(
      source,
      join(this.tempDir, `${randomUUID()}.tmp`),
      maxBytes,
      options.knownKey,
    );
    try {
      const created = await this.publish(temp);
      return { key: temp.key, size: temp.size, created };
    } finally {
      await rm(temp.path, { force: true });
    }
  }

  async get(key: string, range?: ByteRange): Promise<Readable> {
    const handle = await this.openBlob(key);
    try {
      const { start, end } = checkRange(range, (await handle.stat()).size);
      return handle.createReadStream({ start, end, autoClose: true });
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  async getBytes(key: string): Promise<Uint8Array> {
    try {
      return new Uint8Array(await readFile(this.pathOf(key)));
    } catch (error) {
      throw notFoundOr(error, key);
    }
  }

  async has(key: string): Promise<boolean> {
    return (await this.stat(key)) !== undefined;
  }

  async stat(key: string): Promise<BlobStat | undefined> {
    try {
      const info = await stat(this.pathOf(key));
      return { key, size: info.size, storedAt: info.mtime };
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  async delete(key: string): Promise<boolean> {
    try {
      await unlink(this.pathOf(key));
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
    await fsyncDirectory(this.shardDirOf(key));
    return true;
  }

  async *keys(): AsyncGenerator<string> {
    for (const first of await listMatching(this.root, SHARD)) {
      for (const second of await listMatching(join(this.root, first), SHARD)) {
        for (const name of await readdir(join(this.root, first, second))) {
          // Only files in the shard their name belongs to; anything else was not written by this store.
          if (isBlobKey(name) && name.startsWith(first + second)) yield name;
        }
      }
    }
  }

  /** Makes the temp file visible under its key. Returns false if the same content was already stored. */
  private async publish(temp: TempBlob): Promise<boolean> {
    const target = this.pathOf(temp.key);
    await this.ensureShardDir(temp.key);
    try {
      await link(temp.path, target);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      if (code === 'EEXIST') return this.keepOrRepair(temp, target);
      if (!NO_HARD_LINKS.has(code)) throw error;
      if (await exists(target)) return this.keepOrRepair(temp, target);
      await rename(temp.path, target);
    }
    await fsyncDirectory(this.shardDirOf(temp.key));
    return true;
  }

  /** The key exists already. Its size can only differ if the file was damaged outside the store. */
  private async keepOrRepair(temp: TempBlob, target: string): Promise<boolean> {
    if ((await stat(target)).size === temp.size) return false;
    await rename(temp.path, target);
    await fsyncDirectory(this.shardDirOf(temp.key));
    return true;
  }

  private async ensureShardDir(key: string): Promise<void> {
    const firstCreated = await mkdir(this.shardDirOf(key), { recursive: true, mode: 0o750 });
    if (firstCreated === undefined) return;
    // New directories are entries in their parents; make those durable too.
    await fsyncDirectory(this.root);
    await fsyncDirectory(join(this.root, key.slice(0, 2)));
  }

  private async openBlob(key: string): Promise<FileHandle> {
    try {
      return await open(this.pathOf(key), 'r');
    } catch (error) {
      throw notFoundOr(error, key);
    }
  }

  private shardDirOf(key: string): string {
    assertBlobKey(key);
    return join(this.root, key.slice(0, 2), key.slice(2, 4));
  }

  /** The only way a key becomes a path: it is validated first. */
  private pathOf(key: string): string {
    return join(this.shardDirOf(key), key);
  }
}

async function removeStaleTempFiles(tempDir: string, staleTempMs: number): Promise<number> {
  const cutoff = Date.now() - staleTempMs;
  let removed = 0;
  for (const name of await readdir(tempDir)) {
    const path = join(tempDir, name);
    if (staleTempMs > 0 && (await stat(path)).mtimeMs > cutoff) continue;
    await rm(path, { force: true, recursive: true });
    removed++;
  }
  return removed;
}

function checkRange(range: ByteRange | undefined, size: number): { start?: number; end?: number } {
  if (range === undefined) return {};
  const end = range.end ?? size - 1;
  const valid = Number.isSafeInteger(range.start) && Number.isSafeInteger(end);
  if (!valid || range.start < 0 || range.start > end || end >= size) {
    throw new BlobError(
      'INVALID_RANGE',
      `byte range ${range.start}-${end} is outside the blob (${size} bytes)`,
    );
  }
  return { start: range.start, end };
}

async function listMatching(dir: string, pattern: RegExp): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((entry) => entry.isDirectory() && pattern.test(entry.name))
    .map((entry) => entry.name);
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    if (isMissing(error)) return false;
    throw error;
  }
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT';
}

function notFoundOr(error: unknown, key: string): unknown {
  return isMissing(error) ? new BlobError('NOT_FOUND', `no blob ${key}`, { cause: error }) : error;
}
