import type { LabelExample } from '../api/api-types.js';

/** The server's limits on a label's example images (docs/server.md). */
export const EXAMPLE_TYPES = ['image/png', 'image/jpeg'] as const;
export const MAX_EXAMPLE_BYTES = 10 * 1024 * 1024;
export const MAX_EXAMPLES = 12;

/**
 * Why this file can't be added as an example, or null: checked before a slow upload is refused. The
 * server still decides (it decodes the image); its answer is shown when it refuses.
 */
export function exampleUploadProblem(
  file: { readonly type: string; readonly size: number },
  count: number,
): string | null {
  if (count >= MAX_EXAMPLES) return `a label keeps at most ${MAX_EXAMPLES} examples; delete one first`;
  if (!(EXAMPLE_TYPES as readonly string[]).includes(file.type)) return 'an example is a PNG or JPEG image';
  if (file.size > MAX_EXAMPLE_BYTES) return 'an example is at most 10 MB';
  return null;
}

/** Where a label's example image is, and where one is added (with `?caption=`). */
export function examplesUrl(projectId: string, labelId: string, example?: LabelExample): string {
  const base = `/api/projects/${encodeURIComponent(projectId)}/labels/${encodeURIComponent(labelId)}/examples`;
  return example ? `${base}/${encodeURIComponent(example.id)}` : base;
}
