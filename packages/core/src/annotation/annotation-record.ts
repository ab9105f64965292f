import { z } from 'zod';
import type { ImageGeometry } from '../volume/image-volume.js';
import { ANNOTATION_LIMITS } from './annotation-limits.js';
import type { AnnotationIssue } from './annotation-payload-error.js';
import { type ImageRefRule, imageRefProblem, imageRefSchema } from './image-ref.js';

/** What a migration may consult besides the payload itself. */
export interface MigrationContext {
  /** Geometry of an image by id, for steps that derive patient coordinates from stored index ones. */
  readonly geometryOf?: (imageId: string) => ImageGeometry | undefined;
}

/** A step's outcome: the upgraded payload, or the reasons it could not be upgraded (a value, not a throw). */
export type MigrationResult = { readonly payload: unknown } | { readonly issues: readonly AnnotationIssue[] };

/**
 * One numbered step, upgrading a whole payload from `fromVersion` to `fromVersion + 1`. It receives a payload
 * already checked to be an object with that schemaVersion, validates what it reads with the old version's
 * schema, and returns a new object (never mutating its input).
 */
export interface AnnotationMigration {
  readonly fromVersion: number;
  readonly description: string;
  up(payload: Readonly<Record<string, unknown>>, context: MigrationContext): MigrationResult;
}

export const labelIdSchema = z.string().min(1).max(ANNOTATION_LIMITS.maxIdLength);

interface RecordDefinition<T extends string, V extends number, D extends z.ZodType> {
  readonly type: T;
  /** The current schema version; payloads at older versions go through `migrations`. */
  readonly version: V;
  /** What the image reference must give; a function when it depends on the data (segmentation). */
  readonly imageRef: ImageRefRule | ((data: z.output<D>) => ImageRefRule);
  readonly data: D;
  /** One step per version before the current one, in order: fromVersion 1, 2, … version − 1. */
  readonly migrations?: readonly AnnotationMigration[];
}

/**
 * One persisted annotation type, tldraw-style: its type name, current version, the schema of its current
 * payload (the common envelope around its `data`), and the numbered migrations that bring old payloads up.
 */
export function defineAnnotationRecord<const T extends string, const V extends number, D extends z.ZodType>(
  definition: RecordDefinition<T, V, D>,
) {
  const migrations = definition.migrations ?? [];
  migrations.forEach((m, i) => {
    if (m.fromVersion !== i + 1)
      throw new Error(`${definition.type}: migration ${i} must start at version ${i + 1}`);
  });
  if (migrations.length !== definition.version - 1) {
    throw new Error(
      `${definition.type}: version ${definition.version} needs ${definition.version - 1} migrations`,
    );
  }
  const payload = z
    .strictObject({
      schemaVersion: z.literal(definition.version),
      type: z.literal(definition.type),
      imageRef: imageRefSchema,
      labelId: labelIdSchema,
      data: definition.data,
    })
    .superRefine((p, ctx) => {
      // tsc cannot see `data` through the generic object's mapped type; it is D's output by construction.
      const data = (p as unknown as { data: z.output<D> }).data;
      const rule =
        typeof definition.imageRef === 'function' ? definition.imageRef(data) : definition.imageRef;
      const problem = imageRefProblem(p.imageRef, rule);
      if (problem) ctx.addIssue({ code: 'custom', message: problem, path: ['imageRef'] });
    });
  return Object.freeze({ ...definition, migrations, payload });
}
