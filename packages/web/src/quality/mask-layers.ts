import type { AnnotationPayload } from '@voxelhub/core/annotation';
import { sliceOfPayload } from './payload-shapes.js';

/**
 * The labels a source (a reader or the consensus) has a mask of on slice k, each once: the mask PNG route is
 * asked only for these. A label map covers every slice; an inline RLE mask lies on its one slice.
 */
export function maskLabelsOnSlice(
  annotations: readonly { readonly payload: AnnotationPayload }[],
  slice: number,
): string[] {
  const labels = new Set<string>();
  for (const { payload } of annotations) {
    if (payload.type !== 'segmentation') continue;
    const data = payload.data;
    if (data.representation === 'labelMap') for (const segment of data.segments) labels.add(segment.labelId);
    else if (sliceOfPayload(payload) === slice) labels.add(data.segment.labelId);
  }
  return [...labels];
}
