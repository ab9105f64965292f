import type { AnnotationPayload } from '@voxelhub/core/annotation';

/** What an annotation is attached to: exactly one of imageId and seriesId, as the server requires. */
export interface AnnotationTarget {
  readonly imageId?: string;
  readonly seriesId?: string;
  readonly taskId?: string;
}

/** An annotation at its head revision, as the API returns it (server annotation-schemas.ts). */
export interface AnnotationHead {
  readonly id: string;
  readonly labelId: string;
  readonly imageId: string | null;
  readonly seriesId: string | null;
  readonly taskId: string | null;
  readonly revision: number;
  readonly authorId: string;
  readonly updatedAt: string;
  readonly deleted: boolean;
  readonly payload: AnnotationPayload;
}

export function targetOfHead(head: AnnotationHead): AnnotationTarget {
  return {
    ...(head.imageId !== null ? { imageId: head.imageId } : {}),
    ...(head.seriesId !== null ? { seriesId: head.seriesId } : {}),
    ...(head.taskId !== null ? { taskId: head.taskId } : {}),
  };
}
