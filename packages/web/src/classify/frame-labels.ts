import type { Label } from '../api/api-types.js';

export function frameLabels(labels: readonly Label[]): Label[] {
  return labels.filter((label) => label.type === 'frame-label');
}

/**
 * The label a new range gets unless the user picks another: the label selected in the viewer when it
 * is a frame label, else the first frame label (null when the project has none).
 */
export function defaultFrameLabelId(
  labels: readonly Label[],
  selectedLabelId: string | null | undefined,
): string | null {
  const choices = frameLabels(labels);
  return choices.find((label) => label.id === selectedLabelId)?.id ?? choices[0]?.id ?? null;
}
