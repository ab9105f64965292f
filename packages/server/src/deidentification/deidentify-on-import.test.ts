import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { effectiveAction, isPrivateTag, parseDicom, tableRowFor } from '@voxelhub/core';
import { walkPaths } from '@voxelhub/core/node';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app/build-app.js';
import { createToken } from '../auth/token-store.js';
import { ADMIN_USERNAME } from '../bootstrap/ensure-admin.js';
import { openServerData, type ServerData } from '../bootstrap/open-data.js';
import { type ImportOutcome, importFile } from '../import/import-file.js';
import { TESTDATA } from '../import/import-test-files.js';
import { DEFAULT_IMPORT_DEID_OPTIONS } from '../projects/project-settings.js';
import { createEmptyPostgres, DIALECTS, postgresSkipped } from '../storage/test-databases.js';

/** Any 64 hex digits: the de-identification key of the test's project. */
const FIXED_PROJECT_KEY = createHash('sha256').update('voxelhub deidentify-on-import test').digest('hex');

/**
 * The test of de-identification on import: every file of the shared test data is imported
 * into a new project (de-identification is on by default), then the database file and the blob folder
 * are searched, with grep, for every original identifying value the files held.
 */
const MIN_LENGTH = 6; // shorter values (sex, age, "1") turn up in any binary by chance
const enabled = new Set(DEFAULT_IMPORT_DEID_OPTIONS);

const TEXT_VRS = ['LO', 'SH', 'PN', 'LT', 'ST', 'UT', 'CS'];

/** Whether a value of this attribute must not survive: Table E.1-1 rows the profile does not keep, private text. */
function mustGo(tag: string, vr: string | undefined): boolean {
  const row = tableRowFor(tag);
  if (!row) return false;
  const action = effectiveAction(row, enabled);
  // Kept and cleaned values may stay by the options chosen; private ones are searched for as text only.
  if (action === 'K' || action === 'C') return false;
  return !isPrivateTag(tag) || TEXT_VRS.includes(vr ?? '');
}

type ParsedDataSet = ReturnType<typeof parseDicom>['dataSet'];

/**
 * Values of one dataset: those that must go into `identifying`, all others (kept, cleaned, outside the
 * table) into `kept`. A value that is also kept legitimately somewhere (a manufacturer also named in a
 * private tag, "STANDARD" as a kernel and as a removed comment) proves nothing when found, so the search
 * leaves such values out.
 */
function collectValues(dataSet: ParsedDataSet, identifying: Set<string>, kept: Set<string>): void {
  for (const [key, element] of Object.entries(dataSet.elements)) {
    for (const item of element.items ?? []) if (item.dataSet) collectValues(item.dataSet, identifying, kept);
    const readable = !element.items && element.dataOffset + element.length <= dataSet.byteArray.length;
    if (!readable) continue;
    const into = mustGo(key.slice(1).toUpperCase(), element.vr) ? identifying : kept;
    for (const part of (dataSet.string(key) ?? '').split('\\')) {
      const value = part.replaceAll('\0', '').trim();
      if (/^[\x20-\x7e]+$/.test(value)) into.add(value);
    }
  }
}

/** Identifying values worth searching for: long enough not to turn up by chance, never kept elsewhere. */
function searchable(identifying: Set<string>, kept: Set<string>): Set<string> {
  const keptText = [...kept].join('\n');
  return new Set(
    [...identifying].filter((value) => {
      const digits = /^[\d.+-]+$/.test(value);
      if (value.length < (digits ? 8 : MIN_LENGTH) || /^(.)\1*$/.test(value.replaceAll('.', '')))
        return false;
      return !keptText.includes(value);
    }),
  );
}

/** Values of one DICOM file; false when it is not DICOM. */
function dicomValues(bytes: Uint8Array, identifying: Set<string>, kept: Set<string>): boolean {
  try {
    collectValues(parseDicom(bytes).dataSet, identifying, kept);
    return true;
  } catch {
    return false;
  }
}

/** descrip, aux_file and intent_name of a NIfTI-1 or NIfTI-2 header. */
function niftiHeaderText(file: Uint8Array): string[] {
  const bytes = file[0] === 0x1f && file[1] === 0x8b ? gunzipSync(file) : file;
  const size = new DataView(bytes.buffer, bytes.byteOffset).getInt32(0, true);
  const fields =
    size === 540
      ? [
          [240, 80],
          [320, 24],
          [508, 16],
        ]
      : [
          [148, 80],
          [228, 24],
          [328, 16],
        ];
  return fields.map(([offset, length]) =>
    Buffer.from(bytes.subarray(offset!, offset! + length!))
      .toString('latin1')
      .replace(/\0.*$/s, ''),
  );
}

/** Notes the values of an image file; false when it is not an image whose values are searched for. */
function noteValues(path: string, bytes: Uint8Array, identifying: Set<string>, kept: Set<string>): boolean {
  const isNifti = /\.nii(\.gz)?$/.test(path);
  if (isNifti) for (const text of niftiHeaderText(bytes)) identifying.add(text.trim());
  return dicomValues(bytes, identifying, kept) || isNifti || /\.png$|\.jpe?g$/i.test(path);
}

/** 'imported', 'held', 'duplicate' or 'failed:<code>', for the tally printed with the test. */
function outcomeName(outcome: ImportOutcome): string {
  if (outcome.heldId) return 'held';
  return outcome.status === 'failed' ? `failed:${outcome.code}` : outcome.status;
}

function grepMatches(patterns: string, paths: string[]): string[] {
  try {
    return execFileSync('grep', ['-a', '-o', '-h', '-r', '-F', '-f', patterns, ...paths], {
      encoding: 'latin1',
      maxBuffer: 64 * 1024 * 1024,
    })
      .split('\n')
      .filter(Boolean);
  } catch (error) {
    if ((error as { status?: number }).status === 1) return []; // grep: no match
    throw error;
  }
}

const skipped = (dialect: string) => dialect === 'postgres' && postgresSkipped();

for (const dialect of DIALECTS)
  describe.skipIf(skipped(dialect))(
    `a project that requires de-identification stores no identifying value (${dialect})`,
    () => {
      let dataDir: string;
      let postgres: Awaited<ReturnType<typeof createEmptyPostgres>> | undefined;
      /** Where the database's content is searched: its file (SQLite), or a pg_dump of it (PostgreSQL). */
      const databaseText = async (): Promise<string> => {
        if (!postgres) return dataDir; // voxelhub.sqlite and its -wal are in the data folder
        const dump = join(await mkdtemp(join(tmpdir(), 'voxelhub-deid-dump-')), 'dump.sql');
        execFileSync('pg_dump', ['--data-only', '--file', dump, postgres.url]);
        return dump;
      };
      let data: ServerData;
      let app: FastifyInstance;
      let token: string;
      let projectId: string;
      let identifiers = new Set<string>();
      const identifying = new Set<string>();
      const kept = new Set<string>();
      const originals: string[] = [];
      const outcomes: Record<string, number> = {};

      beforeAll(async () => {
        dataDir = await mkdtemp(join(tmpdir(), 'voxelhub-deid-import-'));
        const vaultDir = await mkdtemp(join(tmpdir(), 'voxelhub-deid-vault-'));
        if (dialect === 'postgres') postgres = await createEmptyPostgres();
        data = await openServerData({
          dataDir,
          vaultDir,
          database: postgres
            ? { dialect: 'postgres', url: postgres.url }
            : { dialect: 'sqlite', path: join(dataDir, 'voxelhub.sqlite') },
          adminPassword: 'correct horse battery staple',
          maxUploadBytes: 1024 ** 3,
          demoProject: false,
        });
        app = await buildApp({ data, webRoot: null });
        const admin = await data.database.db
          .selectFrom('users')
          .select('id')
          .where('username', '=', ADMIN_USERNAME)
          .executeTakeFirstOrThrow();
        token = (await createToken(data.database.db, admin.id, 'test')).token;
        const created = await app.inject({
          method: 'POST',
          url: '/api/projects',
          headers: { authorization: `Bearer ${token}` },
          payload: { name: 'Hospital export' },
        });
        expect(created.statusCode).toBe(201);
        expect(created.json()).toMatchObject({ requireDeidentification: true });
        projectId = created.json().id;
        // A fixed project key, so every run shifts dates and replaces UIDs alike. With a random one a
        // shifted date now and then equals another file's original date (seen once: 20140422), which the
        // search then reports though nothing leaked.
        await mkdir(join(vaultDir, projectId), { recursive: true, mode: 0o700 });
        await writeFile(join(vaultDir, projectId, 'key'), `${FIXED_PROJECT_KEY}\n`, { mode: 0o600 });

        const ctx = { db: data.database.db, blobs: data.blobs, vault: data.vault };
        for (const path of (await walkPaths([TESTDATA])).sort()) {
          if (/\.(md|txt|json|csv)$|LICENSE|COPYING/i.test(path)) continue;
          const bytes = new Uint8Array(await readFile(path));
          if (noteValues(path, bytes, identifying, kept)) originals.push(path);
          const key = outcomeName(await importFile(ctx, projectId, { name: path, bytes }));
          outcomes[key] = (outcomes[key] ?? 0) + 1;
        }
        identifiers = searchable(identifying, kept);
        console.info(
          `imports: ${JSON.stringify(outcomes)}; ${identifiers.size} identifying values searched for`,
        );
      }, 300_000);

      afterAll(async () => {
        await app?.close();
        await postgres?.drop();
      });

      it('imported most of the shared test data, holding some for review', () => {
        expect(outcomes.imported).toBeGreaterThan(200);
        expect(identifiers.size).toBeGreaterThan(100);
      });

      it('finds the identifying values in the original files (the search works)', async () => {
        const patterns = join(dataDir, '..', `patterns-${process.pid}.txt`);
        await writeFile(patterns, [...identifiers].join('\n'));
        expect(new Set(grepMatches(patterns, originals)).size).toBeGreaterThan(identifiers.size / 2);
      });

      it('finds none of them in the database or the blob folder', async () => {
        const patterns = join(dataDir, '..', `patterns-${process.pid}.txt`);
        await writeFile(patterns, [...identifiers].join('\n'));
        // The whole data folder: database, its write-ahead log, blobs, staging.
        const found = grepMatches(patterns, [dataDir, await databaseText()]);
        expect([...new Set(found)]).toEqual([]);
      });

      it('keeps the mapping in the vault, for owners only', async () => {
        const mapping = await app.inject({
          url: `/api/projects/${projectId}/pseudonyms`,
          headers: { authorization: `Bearer ${token}` },
        });
        expect(mapping.statusCode).toBe(200);
        const { subjects } = mapping.json() as { subjects: { pseudonym: string; patientId: string }[] };
        expect(subjects.length).toBeGreaterThan(10);
        for (const s of subjects) expect(s.pseudonym).toMatch(/^VXH-[0-9A-Z]{10}$/);
        // Each pseudonym in the database is a subject of the project, and has its original in the mapping.
        const stored = await data.database.db
          .selectFrom('subjects')
          .select('pseudonym')
          .where('project_id', '=', projectId)
          .execute();
        const mapped = new Set(subjects.map((s) => s.pseudonym));
        for (const row of stored) expect(mapped.has(row.pseudonym)).toBe(true);
        const csv = await app.inject({
          url: `/api/projects/${projectId}/pseudonyms.csv`,
          headers: { authorization: `Bearer ${token}` },
        });
        expect(csv.headers['content-type']).toMatch(/^text\/csv/);
        expect(csv.body.split('\r\n')[0]).toBe('pseudonym,patientId,patientName,issuerOfPatientId');
      });
    },
  );
