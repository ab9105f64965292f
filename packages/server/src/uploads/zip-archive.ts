import { open } from 'node:fs/promises';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { MAX_IMPORT_FILE_BYTES } from '../import/read-whole-file.js';

/**
 * Limits on what a ZIP archive may unpack to (zip bombs): a few kilobytes can declare gigabytes. The
 * declared sizes are checked when the upload arrives; while inflating, yauzl refuses an entry that yields
 * more bytes than it declared (validateEntrySizes) and the reader counts what it actually inflated, so a
 * lying header gains nothing.
 */
export interface ZipLimits {
  readonly maxEntries: number;
  /** One entry, uncompressed: it is held in memory while it imports. */
  readonly maxEntryBytes: number;
  /** All entries of one archive, uncompressed. */
  readonly maxTotalBytes: number;
}

const MAX_ENTRIES = 100_000;
/** Imaging data compresses a few times over; a larger ratio than this is more likely a bomb than a study. */
const MAX_INFLATION = 8;

/** Limits for archives in an upload of at most `maxUploadBytes`. */
export function zipLimits(maxUploadBytes: number): ZipLimits {
  return {
    maxEntries: MAX_ENTRIES,
    maxEntryBytes: Math.min(maxUploadBytes, MAX_IMPORT_FILE_BYTES),
    maxTotalBytes: maxUploadBytes * MAX_INFLATION,
  };
}

export type ZipProblem = 'UNREADABLE' | 'TOO_LARGE';

export class ZipArchiveError extends Error {
  override readonly name = 'ZipArchiveError';
  constructor(
    readonly problem: ZipProblem,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Whether the file starts like a ZIP archive (a local file header, or the end record of an empty one). */
export async function looksLikeZip(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(4), 0, 4, 0);
    if (bytesRead < 4) return false;
    const magic = buffer.readUInt32LE(0);
    return magic === 0x04034b50 || magic === 0x06054b50;
  } finally {
    await handle.close();
  }
}

export interface ZipEntryInfo {
  readonly path: string;
  readonly declaredBytes: number;
  /** Why the entry is not imported (folders, macOS resource forks, hidden files), if so. */
  readonly skip?: string;
}

/**
 * Lists an archive's entries from its central directory (nothing is inflated), refusing it (TOO_LARGE)
 * when it has too many entries or declares more bytes than the limits allow, and (UNREADABLE) when it is
 * not a ZIP archive yauzl can read. `name` is the archive's name, for messages.
 */
export async function listZipEntries(path: string, name: string, limits: ZipLimits): Promise<ZipEntryInfo[]> {
  const zip = await openZip(path, name);
  try {
    if (zip.entryCount > limits.maxEntries)
      throw new ZipArchiveError(
        'TOO_LARGE',
        `${name}: ${zip.entryCount} entries, more than the ${limits.maxEntries} an archive may hold`,
      );
    const entries: ZipEntryInfo[] = [];
    let total = 0;
    for await (const entry of iterate(zip, name)) {
      total += entry.uncompressedSize;
      if (entry.uncompressedSize > limits.maxEntryBytes)
        throw tooLarge(
          name,
          `${entry.fileName} would inflate to ${entry.uncompressedSize} bytes`,
          limits.maxEntryBytes,
        );
      if (total > limits.maxTotalBytes)
        throw tooLarge(name, `its entries would inflate to more than ${total} bytes`, limits.maxTotalBytes);
      const skip = skipReason(entry.fileName);
      entries.push({
        path: entry.fileName,
        declaredBytes: entry.uncompressedSize,
        ...(skip ? { skip } : {}),
      });
    }
    return entries;
  } finally {
    zip.close();
  }
}

function tooLarge(name: string, what: string, limit: number): ZipArchiveError {
  return new ZipArchiveError(
    'TOO_LARGE',
    `${name}: ${what}, more than the ${limit} bytes allowed (a zip bomb?)`,
  );
}

function skipReason(path: string): string | undefined {
  if (path.endsWith('/')) return 'a folder';
  const parts = path.split('/');
  if (parts[0] === '__MACOSX') return 'macOS metadata (__MACOSX)';
  if (parts.some((part) => part.startsWith('.'))) return 'a hidden file';
  return undefined;
}

/**
 * Reads entries of one archive by path, one at a time, counting what it inflates in total against the
 * limits. Opened once per run of a job and kept while its entries import.
 */
export class ZipReader {
  private inflated = 0;

  private constructor(
    private readonly zip: ZipFile,
    private readonly entries: ReadonlyMap<string, Entry>,
    private readonly name: string,
    private readonly limits: ZipLimits,
  ) {}

  static async open(path: string, name: string, limits: ZipLimits): Promise<ZipReader> {
    const zip = await openZip(path, name);
    try {
      const entries = new Map<string, Entry>();
      for await (const entry of iterate(zip, name))
        if (!entries.has(entry.fileName)) entries.set(entry.fileName, entry);
      return new ZipReader(zip, entries, name, limits);
    } catch (error) {
      zip.close();
      throw error;
    }
  }

  /** The entry's bytes; throws ZipArchiveError when it is missing, unreadable or inflates past a limit. */
  async read(path: string): Promise<Uint8Array> {
    const entry = this.entries.get(path);
    if (!entry) throw new ZipArchiveError('UNREADABLE', `${this.name}: no entry ${path}`);
    const limit = Math.min(this.limits.maxEntryBytes, this.limits.maxTotalBytes - this.inflated);
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      const stream = await this.zip.openReadStreamPromise(entry);
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > limit) {
          stream.destroy();
          throw tooLarge(this.name, `${path} inflates past the limit`, limit);
        }
        chunks.push(chunk);
      }
    } catch (error) {
      if (error instanceof ZipArchiveError) throw error;
      throw new ZipArchiveError(
        'UNREADABLE',
        `${this.name}: ${path} cannot be unpacked (${(error as Error).message})`,
        {
          cause: error,
        },
      );
    } finally {
      this.inflated += size;
    }
    return new Uint8Array(Buffer.concat(chunks, size));
  }

  close(): void {
    this.zip.close();
  }
}

async function openZip(path: string, name: string): Promise<ZipFile> {
  try {
    return await yauzl.openPromise(path, { lazyEntries: true, autoClose: false, validateEntrySizes: true });
  } catch (error) {
    throw new ZipArchiveError(
      'UNREADABLE',
      `${name}: not a readable ZIP archive (${(error as Error).message})`,
      {
        cause: error,
      },
    );
  }
}

async function* iterate(zip: ZipFile, name: string): AsyncGenerator<Entry> {
  try {
    for await (const entry of zip.eachEntry()) yield entry;
  } catch (error) {
    throw new ZipArchiveError('UNREADABLE', `${name}: a broken ZIP archive (${(error as Error).message})`, {
      cause: error,
    });
  }
}
