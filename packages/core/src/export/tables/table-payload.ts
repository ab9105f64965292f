import { type AnnotationPayload, annotationPayloadSchema, formatIssuePath } from '../../annotation/index.js';
import type { ExportAnnotation } from '../export-dataset.js';
import { CellError } from './table-import-error.js';

/**
 * Checks a payload built from a row against core's schema; a failure is reported on `column` with the
 * payload path, so a value that does not match its points (say) names both the cell and the rule;
 * `columnOfPath` picks a better column for some payload paths.
 */
export function validPayload(
  payload: unknown,
  column: string,
  columnOfPath: (path: string) => string | undefined = () => undefined,
): AnnotationPayload {
  const parsed = annotationPayloadSchema.safeParse(payload);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const path = formatIssuePath(issue.path);
  throw new CellError(columnOfPath(path) ?? column, `${path}: ${issue.message}`);
}

/** An imported annotation: its id is the file's annotation_id cell, or `<file>#<row>` when there is none. */
export function importedAnnotation(
  id: string,
  file: string,
  row: number,
  payload: AnnotationPayload,
): ExportAnnotation {
  return { id: id || `${file}#${row}`, imageId: payload.imageRef.imageId, labelId: payload.labelId, payload };
}
