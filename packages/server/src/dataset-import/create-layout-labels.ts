import { randomUUID } from 'node:crypto';
import type { LayoutLabel } from '@voxelhub/core/export';
import type { Kysely } from 'kysely';
import { roleAllows } from '../access/permissions.js';
import type { ProjectAccess } from '../access/project-access.js';
import { auditLabel } from '../projects/label-audit.js';
import type { LabelClassification } from '../projects/label-classification.js';
import { lastLabelOrder } from '../projects/last-label-order.js';
import { loadProjectLabels } from '../projects/numbered-labels.js';
import type { DatabaseSchema } from '../storage/schema.js';
import { classificationOptionIds } from './classification-option-ids.js';

const PALETTE = ['#e6194b', '#3cb44b', '#4363d8', '#f58231', '#911eb4', '#46f0f0', '#f032e6', '#bcf60c'];

export interface LayoutLabelsOutcome {
  readonly created: { name: string; type: string }[];
  /** Names the project had already, matched case-insensitively (their type and options are left as they are). */
  readonly existing: string[];
}

/** A table's label: several answers per row ('Cardiomegaly|Effusion') make it multiple choice. */
function classificationOf(label: LayoutLabel): LabelClassification | null {
  if (label.type !== 'classification') return null;
  const options = classificationOptionIds(label.options ?? []);
  if (options.length === 0) return { kind: 'text', options: [] };
  return { kind: label.value === 2 ? 'multiple' : 'single', options };
}

/**
 * Makes the labels a layout needs that the project lacks, matched by name case-insensitively, in one
 * transaction with an audit row each (when the caller may manage labels). An existing label keeps its type: items needing another type are
 * reported by the annotation import, not forced onto it.
 */
export async function createLayoutLabels(
  db: Kysely<DatabaseSchema>,
  access: ProjectAccess,
  wanted: readonly LayoutLabel[],
): Promise<LayoutLabelsOutcome> {
  const project = await loadProjectLabels(db, access.projectId);
  const known = new Set(project.map((l) => l.name.toLowerCase()));
  const existing: string[] = [];
  const missing: LayoutLabel[] = [];
  for (const label of wanted) {
    const key = label.name.toLowerCase();
    if (known.has(key)) {
      if (!existing.includes(label.name)) existing.push(label.name);
      continue;
    }
    known.add(key);
    missing.push(label);
  }
  // Adding labels changes the schema: without labels.manage the items naming them are reported instead.
  if (missing.length === 0 || !roleAllows(access.role, 'labels.manage')) return { created: [], existing };
  await db.transaction().execute(async (trx) => {
    let order = await lastLabelOrder(trx, access.projectId);
    for (const label of missing) {
      const id = randomUUID();
      const classification = classificationOf(label);
      await trx
        .insertInto('labels')
        .values({
          id,
          project_id: access.projectId,
          name: label.name,
          type: label.type,
          colour: PALETTE[order % PALETTE.length]!,
          sort_order: ++order,
          classification: classification ? JSON.stringify(classification) : null,
        })
        .execute();
      await auditLabel(trx, access, 'label.create', id, {
        name: label.name,
        type: label.type,
        datasetImport: true,
      });
    }
  });
  return { created: missing.map((l) => ({ name: l.name, type: l.type })), existing };
}
