import { assignSplits, DEFAULT_SPLIT_FRACTIONS } from '@voxelhub/core/export';
import type { Kysely } from 'kysely';
import { annotationFromRow, selectHeads } from '../annotations/annotation-rows.js';
import { loadProjectLabels } from '../projects/numbered-labels.js';
import type { DatabaseSchema, VersionSource } from '../storage/schema.js';
import type {
  ManifestAnnotation,
  ManifestCase,
  ManifestLabel,
  SplitSettings,
  VersionManifest,
} from './version-manifest.js';

type Db = Kysely<DatabaseSchema>;

/**
 * What a version freezes, read from the project as it is now:
 * - `consensus`: the annotations of every accepted consensus (quality/);
 * - `approved`: readers' annotations whose current revision's latest review approved it;
 * - `all`: every live annotation but consensus ones.
 * Cases are the images and series those annotations are on; splits are made over subjects, stratified by
 * each subject's rarest label, with the given seed.
 */
export async function collectVersion(
  db: Db,
  projectId: string,
  source: VersionSource,
  splits: SplitSettings,
): Promise<VersionManifest> {
  const labels: ManifestLabel[] = await loadProjectLabels(db, projectId);
  const annotations = await sourceAnnotations(db, projectId, source);
  const cases = await manifestCases(db, projectId, annotations);
  const caseOf = new Map(cases.map((c) => [c.id, c]));
  const rarest = rarestLabelBySubject(annotations, caseOf);
  const assigned = assignSplits(
    cases.map((c) => ({ id: c.id, subjectId: c.subjectId })),
    splits.fractions,
    { seed: splits.seed, stratifyBy: (subject) => rarest.get(subject) ?? null },
  );
  return {
    schema: 1,
    source,
    splits,
    cases: cases.map((c) => ({ ...c, split: assigned.get(c.id)! })),
    labels,
    annotations: annotations.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
  };
}

export const DEFAULT_SPLITS: SplitSettings = { seed: 1, fractions: { ...DEFAULT_SPLIT_FRACTIONS } };

async function sourceAnnotations(
  db: Db,
  projectId: string,
  source: VersionSource,
): Promise<ManifestAnnotation[]> {
  let query = selectHeads(db).where('a.project_id', '=', projectId).where('r.deleted', '=', 0);
  if (source === 'consensus') {
    query = query.where('a.consensus_id', 'in', (eb) =>
      eb
        .selectFrom('consensus_sets')
        .select('id')
        .where('project_id', '=', projectId)
        .where('status', '=', 'accepted'),
    );
  } else {
    query = query.where('a.consensus_id', 'is', null);
  }
  if (source === 'approved') {
    // The latest review of the current revision says approved.
    query = query.where((eb) =>
      eb(
        eb
          .selectFrom('reviews as v')
          .select('v.decision')
          .whereRef('v.annotation_id', '=', 'a.id')
          .whereRef('v.annotation_revision', '=', 'a.head_revision')
          .orderBy('v.created_at', 'desc')
          .orderBy('v.id', 'desc')
          .limit(1),
        '=',
        'approved',
      ),
    );
  }
  const rows = await query.execute();
  return rows.map((row) => {
    const head = annotationFromRow(row);
    return {
      id: head.id,
      revision: head.revision,
      caseId: (head.seriesId ?? head.imageId)!,
      labelId: head.labelId,
      payload: head.payload,
    };
  });
}

async function manifestCases(
  db: Db,
  projectId: string,
  annotations: readonly ManifestAnnotation[],
): Promise<Omit<ManifestCase, 'split'>[]> {
  const ids = [...new Set(annotations.map((a) => a.caseId))];
  if (ids.length === 0) return [];
  const images = await db
    .selectFrom('images')
    .leftJoin('series', 'series.id', 'images.series_id')
    .leftJoin('studies', 'studies.id', 'series.study_id')
    .leftJoin('subjects', 'subjects.id', 'studies.subject_id')
    .select([
      'images.id',
      'images.series_id',
      'images.format',
      'images.content_hash',
      'series.modality',
      'subjects.pseudonym',
    ])
    .where('images.project_id', '=', projectId)
    .where((eb) => eb.or([eb('images.id', 'in', ids), eb('images.series_id', 'in', ids)]))
    .execute();
  const cases = ids.flatMap((id) => {
    const own = images.filter((img) => img.id === id);
    const members = own.length > 0 ? own : images.filter((img) => img.series_id === id);
    if (members.length === 0) return [];
    const first = members[0]!;
    return [
      {
        id,
        kind: own.length > 0 ? ('image' as const) : ('series' as const),
        subjectId: first.pseudonym ?? `image-${first.id}`,
        format: first.format,
        modality: first.modality,
        contentHashes: members.map((m) => m.content_hash).sort(),
      },
    ];
  });
  // Case names follow subject then id, so they do not depend on the order rows came back in.
  cases.sort((a, b) => a.subjectId.localeCompare(b.subjectId) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return cases.map((c, i) => ({ ...c, caseName: `case_${String(i + 1).padStart(4, '0')}` }));
}

/** Each subject's rarest label (held by the fewest subjects), the stratum its cases are split by. */
function rarestLabelBySubject(
  annotations: readonly ManifestAnnotation[],
  caseOf: ReadonlyMap<string, Omit<ManifestCase, 'split'>>,
): Map<string, string> {
  const labelsOf = new Map<string, Set<string>>();
  for (const a of annotations) {
    const subject = caseOf.get(a.caseId)?.subjectId;
    if (!subject) continue;
    labelsOf.set(subject, (labelsOf.get(subject) ?? new Set()).add(a.labelId));
  }
  const subjectsWith = new Map<string, number>();
  for (const labels of labelsOf.values())
    for (const l of labels) subjectsWith.set(l, (subjectsWith.get(l) ?? 0) + 1);
  const out = new Map<string, string>();
  for (const [subject, labels] of labelsOf) {
    const rarest = [...labels].sort(
      (a, b) => subjectsWith.get(a)! - subjectsWith.get(b)! || (a < b ? -1 : 1),
    )[0]!;
    out.set(subject, rarest);
  }
  return out;
}
