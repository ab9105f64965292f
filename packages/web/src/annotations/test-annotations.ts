import type { AnnotationPayload } from '@voxelhub/core/annotation';

/** Small valid payloads for the store and history tests: a landmark whose name tells edits apart. */
export function landmarkPayload(name: string, i = 10, labelId = 'label-1'): AnnotationPayload {
  return {
    schemaVersion: 2,
    type: 'landmark',
    labelId,
    imageRef: { imageId: 'img-1', sliceIndex: 0 },
    data: { name, point: { index: [i, 20, 0], patient: [i * 0.5, 10, 0] } },
  };
}

export function nameOf(payload: AnnotationPayload | undefined): string | undefined {
  return payload?.type === 'landmark' ? payload.data.name : undefined;
}

export const TARGET = { imageId: '11111111-1111-4111-8111-111111111111' } as const;
