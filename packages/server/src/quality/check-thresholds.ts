import type { Kysely } from 'kysely';
import { invalidReference } from '../annotations/invalid-reference.js';
import type { DatabaseSchema, LabelType } from '../storage/schema.js';

/** The label types whose agreement is a fraction (Dice, F1, the majority's share): thresholds up to 1. */
const FRACTION_TYPES: readonly LabelType[] = ['mask', 'box', 'classification'];
const MEASURED_TYPES: readonly LabelType[] = [...FRACTION_TYPES, 'point'];

/**
 * Per-label thresholds must name labels of the project that are measured, and fit their metric: a
 * fraction for Dice, F1 and label agreement (a Dice of 1.5 would send every item to review), any distance
 * in mm for landmarks. VALIDATION_FAILED with the offending key's path otherwise.
 */
export async function checkLabelThresholds(
  db: Kysely<DatabaseSchema>,
  projectId: string,
  thresholds: Readonly<Record<string, number>> | undefined,
): Promise<void> {
  const ids = Object.keys(thresholds ?? {});
  if (ids.length === 0) return;
  const labels = await db
    .selectFrom('labels')
    .select(['id', 'type'])
    .where('project_id', '=', projectId)
    .where('id', 'in', ids)
    .execute();
  const typeOf = new Map(labels.map((l) => [l.id, l.type]));
  for (const id of ids) {
    const path = `body.settings.quality.thresholds.${id}`;
    const type = typeOf.get(id);
    if (!type) throw invalidReference(path, `no label ${id} in this project`);
    if (!MEASURED_TYPES.includes(type))
      throw invalidReference(path, `${type} labels have no agreement measure, so no threshold`);
    if (FRACTION_TYPES.includes(type) && thresholds![id]! > 1)
      throw invalidReference(
        path,
        `a ${type} label's agreement is a fraction from 0 to 1, not ${thresholds![id]}`,
      );
  }
}
