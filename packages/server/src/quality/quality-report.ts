import { fleissKappa, krippendorffAlphaWithInterval } from '@voxelhub/core';
import type { Kysely } from 'kysely';
import type { ProjectSettings } from '../projects/project-settings.js';
import type { DatabaseSchema } from '../storage/schema.js';
import { projectLabels } from './agreement-job.js';
import { itemsOutput } from './item-output.js';
import { loadItemReading } from './item-reading.js';
import { answerOf } from './measure-classifications.js';
import { type LabelAgreement, storedAgreement } from './quality-schemas.js';
import { meanOf } from './reader-pairs.js';

type Db = Kysely<DatabaseSchema>;

const WORST_ITEMS = 20;

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const day = (iso: string) => iso.slice(0, 10);

/**
 * The project's quality dashboard: item counts by status; agreement per label (with Fleiss' kappa and
 * Krippendorff's alpha across items for classification labels); per annotator their agreement with the
 * other readers, work done and pace; agreement over time; and the worst items.
 */
export async function qualityReport(db: Db, projectId: string, settings: ProjectSettings) {
  const items = await db
    .selectFrom('quality_items')
    .selectAll()
    .where('project_id', '=', projectId)
    .execute();
  const measured = items.flatMap((item) => {
    if (item.agreement === null) return [];
    return [{ item, labels: storedAgreement.parse(JSON.parse(item.agreement)).labels }];
  });
  const count = (status: string) => items.filter((i) => i.status === status).length;
  const labels = await projectLabels(db, projectId);
  const labelRows = new Map<string, LabelAgreement[]>();
  for (const m of measured)
    for (const l of m.labels) labelRows.set(l.labelId, [...(labelRows.get(l.labelId) ?? []), l]);

  const perLabel = [];
  for (const label of labels) {
    const rows = labelRows.get(label.id);
    if (!rows) continue;
    const values = rows.flatMap((r) => (r.value === null ? [] : [r.value]));
    const first = rows[0]!;
    const threshold = settings.quality.thresholds[label.id] ?? settings.quality.defaults[first.metric];
    perLabel.push({
      labelId: label.id,
      labelName: label.name,
      labelType: label.type,
      metric: first.metric,
      higherIsBetter: first.higherIsBetter,
      mean: meanOf(values),
      median: median(values),
      n: values.length,
      threshold,
      belowThreshold: rows.filter((r) => !r.passed).length,
      ...(label.type === 'classification'
        ? await classificationAgreement(
            db,
            measured.map((m) => m.item.id),
            label.id,
          )
        : {}),
    });
  }

  const tasks = await db
    .selectFrom('tasks')
    .innerJoin('users', 'users.id', 'tasks.assignee_id')
    .select([
      'tasks.assignee_id',
      'tasks.status',
      'tasks.started_at',
      'tasks.completed_at',
      'users.display_name',
    ])
    .where('tasks.project_id', '=', projectId)
    .where('tasks.item_id', 'is not', null)
    .execute();
  const annotators = [...new Set(tasks.map((t) => t.assignee_id!))];
  const perAnnotator = annotators.map((userId) => {
    const mine = tasks.filter((t) => t.assignee_id === userId);
    const done = mine.filter((t) => t.status === 'done');
    const minutes = done.flatMap((t) =>
      t.started_at && t.completed_at
        ? [(Date.parse(t.completed_at) - Date.parse(t.started_at)) / 60_000]
        : [],
    );
    const byDay = new Map<string, number>();
    for (const t of done)
      if (t.completed_at) byDay.set(day(t.completed_at), (byDay.get(day(t.completed_at)) ?? 0) + 1);
    const scores = (filter: (l: LabelAgreement) => boolean) =>
      measured.flatMap((m) =>
        m.labels
          .filter(filter)
          .flatMap((l) => l.perReader.filter((p) => p.userId === userId).map((p) => p.value)),
      );
    return {
      userId,
      displayName: mine[0]!.display_name,
      itemsDone: done.length,
      itemsAssigned: mine.length,
      meanAgreement: meanOf(scores((l) => l.higherIsBetter)),
      perLabel: [...labelRows.keys()].map((labelId) => {
        const values = scores((l) => l.labelId === labelId);
        return { labelId, value: meanOf(values), n: values.filter((v) => v !== null).length };
      }),
      medianMinutesPerItem: median(minutes),
      throughputPerDay: [...byDay]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([date, n]) => ({ date, done: n })),
    };
  });

  const byDay = new Map<string, (number | null)[]>();
  for (const m of measured) {
    if (!m.item.computed_at) continue;
    const score = meanOf(m.labels.filter((l) => l.higherIsBetter).map((l) => l.value));
    byDay.set(day(m.item.computed_at), [...(byDay.get(day(m.item.computed_at)) ?? []), score]);
  }
  const overTime = [...byDay]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([date, scores]) => ({ date, items: scores.length, meanAgreement: meanOf(scores) }));

  const worst = measured
    .filter((m) => m.item.worst !== null)
    .sort((a, b) => a.item.worst! - b.item.worst! || a.item.id.localeCompare(b.item.id))
    .slice(0, WORST_ITEMS)
    .map((m) => m.item);

  return {
    summary: {
      items: items.length,
      reading: count('reading'),
      computing: count('computing'),
      agreed: count('agreed'),
      disputed: count('disputed'),
      resolved: count('resolved'),
      sentBack: count('sent_back'),
    },
    perLabel,
    perAnnotator,
    overTime,
    worstItems: await itemsOutput(db, worst),
  };
}

/**
 * Chance-corrected agreement of a classification label over the items: Krippendorff's alpha (nominal,
 * readers × items, any reader may skip an item) with a seeded 95% bootstrap interval over items, and
 * Fleiss' kappa where every item has the same number of answers (else null).
 */
async function classificationAgreement(db: Db, itemIds: readonly string[], labelId: string) {
  const answersByItem: Map<string, string | null>[] = [];
  for (const itemId of itemIds) {
    const reading = await loadItemReading(db, itemId);
    if (!reading || reading.readers.length < 2) continue;
    answersByItem.push(
      new Map(
        reading.readers.map((r) => [r, answerOf(reading.byReader.get(r) ?? [], labelId)?.answer ?? null]),
      ),
    );
  }
  const raters = [...new Set(answersByItem.flatMap((m) => [...m.keys()]))];
  const reliability = raters.map((r) => answersByItem.map((m) => m.get(r) ?? null));
  const usable = answersByItem.filter((m) => [...m.values()].filter((v) => v !== null).length >= 2).length;
  const alpha =
    usable < 2
      ? { estimate: null, lower: null, upper: null }
      : krippendorffAlphaWithInterval(reliability, { level: 'nominal' }, { resamples: 1000, seed: 1 });
  const rows = answersByItem.map((m) => [...m.values()].filter((v): v is string => v !== null));
  const sameCount = rows.length >= 2 && rows.every((r) => r.length === rows[0]!.length && r.length >= 2);
  let kappa: number | null = null;
  if (sameCount) {
    try {
      kappa = fleissKappa(rows);
    } catch {
      kappa = null;
    }
  }
  return {
    fleissKappa: kappa,
    krippendorffAlpha: { estimate: alpha.estimate, lower: alpha.lower, upper: alpha.upper },
  };
}
