import type { Label } from '../api/api-types.js';

/** How a range whose label is not (or no longer) in the project's list is shown. */
export interface LabelLook {
  readonly name: string;
  readonly colour: string;
}

const UNKNOWN: LabelLook = { name: 'Unknown label', colour: 'var(--muted)' };

/** Name and colour by label id, for the range list and bar. */
export function labelLooks(labels: readonly Label[]): (labelId: string) => LabelLook {
  const byId = new Map(labels.map((label) => [label.id, { name: label.name, colour: label.colour }]));
  return (labelId) => byId.get(labelId) ?? UNKNOWN;
}
