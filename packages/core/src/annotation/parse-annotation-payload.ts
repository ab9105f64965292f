import {
  type AnnotationPayload,
  type AnnotationType,
  annotationRecordOf,
  isAnnotationType,
} from './annotation-payload.js';
import { AnnotationPayloadError, issuesFromZod } from './annotation-payload-error.js';
import type { MigrationContext } from './annotation-record.js';

function isPlainObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fromJsonText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new AnnotationPayloadError('INVALID_JSON', [{ path: '', message }], { cause: error });
  }
}

function readType(payload: Readonly<Record<string, unknown>>): AnnotationType {
  if (isAnnotationType(payload.type)) return payload.type;
  const message = `unknown annotation type ${JSON.stringify(payload.type)?.slice(0, 80) ?? 'undefined'}`;
  throw new AnnotationPayloadError('UNKNOWN_TYPE', [{ path: 'type', message }]);
}

function readVersion(
  payload: Readonly<Record<string, unknown>>,
  type: AnnotationType,
  current: number,
): number {
  const version = payload.schemaVersion;
  if (typeof version === 'number' && Number.isInteger(version) && version >= 1 && version <= current)
    return version;
  const message = `${type} payloads have schema versions 1 to ${current}; got ${JSON.stringify(version)?.slice(0, 40)}`;
  throw new AnnotationPayloadError('UNSUPPORTED_VERSION', [{ path: 'schemaVersion', message }]);
}

/** Runs the numbered steps from the payload's version up to the current one; each step returns a new object. */
export function migrateAnnotationPayload(
  payload: Readonly<Record<string, unknown>>,
  context: MigrationContext = {},
): Readonly<Record<string, unknown>> {
  const record = annotationRecordOf(readType(payload));
  let current = payload;
  for (let version = readVersion(payload, record.type, record.version); version < record.version; version++) {
    const result = record.migrations[version - 1]!.up(current, context);
    if ('issues' in result) throw new AnnotationPayloadError('MIGRATION_FAILED', result.issues);
    if (!isPlainObject(result.payload) || result.payload.schemaVersion !== version + 1) {
      throw new Error(
        `${record.type} migration from version ${version} did not produce version ${version + 1}`,
      );
    }
    current = result.payload;
  }
  return current;
}

/**
 * Loads a stored or submitted annotation: JSON text or an already parsed value. Dispatches on `type`,
 * upgrades older schemaVersions to the current one, and validates the result. Never mutates its input.
 * Throws AnnotationPayloadError (with every failing path) for anything it cannot load.
 */
export function parseAnnotationPayload(json: unknown, context: MigrationContext = {}): AnnotationPayload {
  const value = typeof json === 'string' ? fromJsonText(json) : json;
  if (!isPlainObject(value)) {
    throw new AnnotationPayloadError('INVALID_PAYLOAD', [
      { path: '', message: 'a payload is a JSON object' },
    ]);
  }
  const migrated = migrateAnnotationPayload(value, context);
  const record = annotationRecordOf(readType(migrated));
  const parsed = record.payload.safeParse(migrated);
  if (!parsed.success) throw new AnnotationPayloadError('INVALID_PAYLOAD', issuesFromZod(parsed.error));
  return parsed.data as AnnotationPayload;
}
