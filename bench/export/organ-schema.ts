import { readFile } from 'node:fs/promises';
import type { ExportLabel } from '@voxelhub/core/export';

/** One label of the mask's schema as labels.json holds it (ct-with-organs.ts writes it). */
export interface OrganLabel {
  readonly value: number;
  readonly name: string;
  readonly colour: string;
}

export async function readOrganLabels(path: string): Promise<OrganLabel[]> {
  return JSON.parse(await readFile(path, 'utf8')) as OrganLabel[];
}

/** The schema as a project's export gives it to core: mask labels whose class index is their voxel value. */
export function exportLabels(labels: readonly OrganLabel[]): ExportLabel[] {
  return labels.map((l) => ({
    id: `label-${l.value}`,
    name: l.name,
    type: 'mask',
    colour: l.colour,
    classIndex: l.value,
  }));
}
