import { randomUUID } from 'node:crypto';
import type { ExportLabel } from '@voxelhub/core/export';
import type { LabelClassification } from '../projects/label-classification.js';
import type { LabelType } from '../storage/schema.js';
import type { WantedLabel } from './imported-items.js';

/** A label to create with the import. */
export interface NewLabel {
  readonly id: string;
  readonly name: string;
  readonly type: LabelType;
  readonly colour: string;
  readonly classification: LabelClassification | null;
}

export interface LabelMatching {
  /** The project label for a wanted one, or why there is none (items naming it are skipped). */
  labelFor(wanted: WantedLabel): { id: string; name: string; colour: string } | { reason: string };
  readonly newLabels: readonly NewLabel[];
}

const COLOUR = /^#[0-9a-f]{6}$/i;

function classificationOf(wanted: WantedLabel): LabelClassification | null {
  if (wanted.type !== 'classification') return null;
  const options = wanted.options ?? [];
  return options.length > 0 ? { kind: 'single', options: [...options] } : { kind: 'text', options: [] };
}

/**
 * Labels match by name, case-insensitively, and must be of the type the item needs. A name the project
 * lacks is created with that type when the caller may edit the schema (labels.manage), else reported.
 * The first type a file asks of a new name wins; items asking another type of it are reported.
 */
export function matchLabels(
  wanted: readonly WantedLabel[],
  project: readonly ExportLabel[],
  mayCreate: boolean,
): LabelMatching {
  const byName = new Map<string, { id: string; name: string; type: LabelType; colour: string }>(
    project.map((l) => [l.name.toLowerCase(), l]),
  );
  const newLabels: NewLabel[] = [];
  for (const w of wanted) {
    const key = w.name.toLowerCase();
    if (byName.has(key) || !mayCreate) continue;
    const label: NewLabel = {
      id: randomUUID(),
      name: w.name,
      type: w.type,
      colour: w.colour && COLOUR.test(w.colour) ? w.colour.toLowerCase() : '#808080',
      classification: classificationOf(w),
    };
    newLabels.push(label);
    byName.set(key, label);
  }
  return {
    newLabels,
    labelFor: (w) => {
      const found = byName.get(w.name.toLowerCase());
      if (!found)
        return {
          reason: `the project has no label "${w.name}" and your role may not add one (labels.manage)`,
        };
      if (found.type !== w.type)
        return {
          reason: `label "${found.name}" is a ${found.type} label; this item needs a ${w.type} label`,
        };
      return found;
    },
  };
}
