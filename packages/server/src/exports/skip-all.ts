import type { ExportAnnotation, SkippedAnnotation } from '@voxelhub/core/export';

/** Each annotation as left out of a format, for one reason. */
export function skipAll(annotations: readonly ExportAnnotation[], reason: string): SkippedAnnotation[] {
  return annotations.map((a) => ({ annotationId: a.id, type: a.payload.type, reason }));
}
