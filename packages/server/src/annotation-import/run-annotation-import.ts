import type { ExportFile } from '@voxelhub/core/export';
import type { Kysely } from 'kysely';
import { roleAllows } from '../access/permissions.js';
import type { ProjectAccess } from '../access/project-access.js';
import type { BlobStore } from '../blobs/blob-store.js';
import { loadProjectLabels } from '../projects/numbered-labels.js';
import type { DatabaseSchema } from '../storage/schema.js';
import type { AnnotationImportReport } from './annotation-import-report.js';
import { caseMatcher, readManifestCaseNames } from './case-matcher.js';
import { caseImages } from './import-context.js';
import { detectImportFormat, type ImportFormat } from './import-format.js';
import { labelForPayload, type PlannedAnnotation, planImport } from './import-plan.js';
import { checkLabelMapReferences } from './label-map-references.js';
import { matchLabels } from './label-matching.js';
import { type ImportCase, loadProjectCases } from './project-cases.js';
import { readImportItems } from './read-import-items.js';
import { writeImport } from './write-import.js';

export interface AnnotationImportInput {
  readonly files: readonly ExportFile[];
  /** Undefined: told from the files. */
  readonly format?: ImportFormat;
  readonly dryRun: boolean;
  /**
   * The project's cases, when the caller has them already: a dataset import, whose images are all in
   * before its label batches run, loads them once rather than once per batch.
   */
  readonly cases?: ReadonlyMap<string, ImportCase>;
}

function createdCounts(planned: readonly PlannedAnnotation[]): AnnotationImportReport['created'] {
  const counts = new Map<string, AnnotationImportReport['created'][number]>();
  for (const p of planned) {
    const key = `${p.labelId}\u0000${p.payload.type}`;
    const entry = counts.get(key) ?? {
      label: p.labelName,
      labelId: p.labelId,
      type: p.payload.type,
      count: 0,
    };
    counts.set(key, { ...entry, count: entry.count + 1 });
  }
  return [...counts.values()].sort((a, b) => a.label.localeCompare(b.label) || a.type.localeCompare(b.type));
}

/**
 * Reads every file, matches cases and labels, then writes it all in one transaction (or nothing, on a
 * dry run or when a file cannot be read: that throws before anything is written).
 */
export async function runAnnotationImport(
  deps: { readonly db: Kysely<DatabaseSchema>; readonly blobs: BlobStore },
  access: ProjectAccess,
  input: AnnotationImportInput,
): Promise<AnnotationImportReport> {
  const { db } = deps;
  const cases = input.cases ?? (await loadProjectCases(db, access.projectId));
  const matcher = caseMatcher(cases, readManifestCaseNames(input.files));
  const projectLabels = await loadProjectLabels(db, access.projectId);
  const format = input.format ?? detectImportFormat(input.files);
  const items = await readImportItems(format, {
    files: input.files,
    cases,
    matcher,
    images: caseImages(cases, matcher),
    projectLabels,
  });
  const wanted = [
    ...items.annotations.map((a) => labelForPayload(a.label, a.payload)),
    ...items.labelMaps.flatMap((m) => m.segments.map((s) => s.label)),
  ];
  const labels = matchLabels(wanted, projectLabels, roleAllows(access.role, 'labels.manage'));
  const plan = await checkLabelMapReferences(db, access, planImport(items, cases, labels));
  // Only labels some imported item uses are made.
  const used = new Set(plan.annotations.flatMap((p) => labelIdsOf(p)));
  const newLabels = labels.newLabels.filter((l) => used.has(l.id));
  const created = createdCounts(plan.annotations);
  if (!input.dryRun && plan.annotations.length > 0)
    await writeImport(db, deps.blobs, access, {
      labels: newLabels,
      annotations: plan.annotations,
      audit: {
        format,
        files: input.files.length,
        created: plan.annotations.length,
        newLabels: newLabels.map((l) => l.name),
        skipped: plan.skipped.length,
      },
    });
  return {
    format,
    dryRun: input.dryRun,
    created,
    createdTotal: plan.annotations.length,
    newLabels: newLabels.map((l) => ({ id: l.id, name: l.name, type: l.type })),
    skipped: [...plan.skipped],
  };
}

function labelIdsOf(p: PlannedAnnotation): string[] {
  const { payload } = p;
  if (payload.type === 'segmentation' && payload.data.representation === 'labelMap')
    return [p.labelId, ...payload.data.segments.map((s) => s.labelId)];
  return [p.labelId];
}
