import { randomBytes } from 'node:crypto';
import { link, mkdir, open, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SubjectMapping } from '@voxelhub/core';
import { fsyncDirectory } from '../blobs/fsync-directory.js';

const KEY_BYTES = 32;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * What must be kept apart from the de-identified data: each project's key (its UIDs, date shifts and
 * pseudonyms derive from it) and its re-identification mapping (original Patient ID and name ->
 * pseudonym). A folder of its own, outside the database and the blob store, readable by the server's user
 * only (0700/0600), so that a copy of the database and blobs, or a leak of them, holds no identity; only
 * project owners read it back, through routes that audit every read.
 *
 * Layout: <root>/<projectId>/key (hex) and <root>/<projectId>/subjects.jsonl (one mapping per line,
 * appended; duplicates are dropped when read).
 */
export class ProjectVault {
  private readonly keys = new Map<string, Promise<Uint8Array>>();
  /** Mapping lines known to be on disk, per project, so that each is appended once per process. */
  private readonly written = new Map<string, Set<string>>();

  constructor(readonly root: string) {}

  private folder(projectId: string): string {
    // Project ids are server-made UUIDs; checking keeps any other string away from the filesystem.
    if (!UUID.test(projectId)) throw new Error(`vault: not a project id: ${JSON.stringify(projectId)}`);
    return join(this.root, projectId);
  }

  /** The project's key, made on first use. Concurrent first uses (other processes too) agree on one key. */
  key(projectId: string): Promise<Uint8Array> {
    let key = this.keys.get(projectId);
    if (!key) {
      key = this.loadOrCreateKey(projectId);
      key.catch(() => this.keys.delete(projectId));
      this.keys.set(projectId, key);
    }
    return key;
  }

  private async loadOrCreateKey(projectId: string): Promise<Uint8Array> {
    const folder = this.folder(projectId);
    await mkdir(folder, { recursive: true, mode: 0o700 });
    const path = join(folder, 'key');
    const existing = await readKey(path);
    if (existing) return existing;
    // Written whole under a temporary name, then hard-linked into place: link() fails if the key exists,
    // so whoever links first wins and every other creator (other processes too) reads the winner's key,
    // and nobody ever reads a half-written one.
    const temp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}`;
    await writeFile(temp, `${randomBytes(KEY_BYTES).toString('hex')}\n`, { mode: 0o600, flush: true });
    try {
      await link(temp, path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      await rm(temp, { force: true });
    }
    await fsyncDirectory(folder);
    const key = await readKey(path);
    if (!key) throw new Error(`vault: the key file ${path} is empty or damaged`);
    return key;
  }

  /** Appends the mappings not yet on disk; durable (fsync) before it resolves. */
  async recordSubjects(projectId: string, subjects: readonly SubjectMapping[]): Promise<void> {
    if (subjects.length === 0) return;
    const known = await this.knownLines(projectId);
    const lines = subjects.map((s) => mappingLine(s)).filter((line) => !known.has(line));
    if (lines.length === 0) return;
    const path = join(this.folder(projectId), 'subjects.jsonl');
    const handle = await open(path, 'a', 0o600);
    try {
      await handle.appendFile(lines.map((line) => `${line}\n`).join(''));
      await handle.sync();
    } finally {
      await handle.close();
    }
    for (const line of lines) known.add(line);
  }

  /** The mapping, one entry per distinct identity, sorted by pseudonym. */
  async subjects(projectId: string): Promise<SubjectMapping[]> {
    const byLine = new Map<string, SubjectMapping>();
    for (const line of await this.readLines(projectId)) byLine.set(line, parseMapping(line));
    return [...byLine.values()].sort(
      (a, b) => a.pseudonym.localeCompare(b.pseudonym) || a.patientId.localeCompare(b.patientId),
    );
  }

  private async knownLines(projectId: string): Promise<Set<string>> {
    let known = this.written.get(projectId);
    if (!known) {
      await mkdir(this.folder(projectId), { recursive: true, mode: 0o700 });
      known = new Set(await this.readLines(projectId));
      this.written.set(projectId, known);
    }
    return known;
  }

  private async readLines(projectId: string): Promise<string[]> {
    const path = join(this.folder(projectId), 'subjects.jsonl');
    const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return '';
      throw error;
    });
    // A line cut short by a crash mid-append is not a mapping; the next import of that subject rewrites it.
    return text.split('\n').filter((line) => line.endsWith('}'));
  }
}

async function readKey(path: string): Promise<Uint8Array | undefined> {
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  const hex = text?.trim();
  if (!hex) return undefined;
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new Error(`vault: the key file ${path} is not 64 hex digits`);
  return new Uint8Array(Buffer.from(hex, 'hex'));
}

function mappingLine(s: SubjectMapping): string {
  return JSON.stringify({
    pseudonym: s.pseudonym,
    patientId: s.patientId,
    patientName: s.patientName,
    issuerOfPatientId: s.issuerOfPatientId,
  });
}

function parseMapping(line: string): SubjectMapping {
  const raw = JSON.parse(line) as Partial<SubjectMapping>;
  return {
    pseudonym: String(raw.pseudonym ?? ''),
    patientId: String(raw.patientId ?? ''),
    patientName: String(raw.patientName ?? ''),
    issuerOfPatientId: String(raw.issuerOfPatientId ?? ''),
  };
}
