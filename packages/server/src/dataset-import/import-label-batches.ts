import { ImageReadError } from '@voxelhub/core';
import type { ProjectAccess } from '../access/project-access.js';
import { loadProjectCases } from '../annotation-import/project-cases.js';
import { runAnnotationImport } from '../annotation-import/run-annotation-import.js';
import { ApiError } from '../errors/api-error.js';
import type { ImportContext } from '../import/import-file.js';
import type { BatchLog } from './batch-log.js';
import type { DatasetImportReport } from './dataset-import-report.js';
import type { LabelBatch } from './label-batch.js';

type AnnotationTally = DatasetImportReport['annotations'];

/**
 * Runs the label batches one after another, each through the annotation import in its own transaction,
 * adding up what they created per label and type. A batch whose file cannot be read (the import refuses
 * it, naming the file) is reported and the next one runs; database and storage errors stop the import.
 */
export async function importLabelBatches(
  ctx: ImportContext,
  access: ProjectAccess,
  batches: readonly LabelBatch[],
  options: {
    readonly onBatch: () => void;
    readonly signal?: AbortSignal;
    /** Batches an interrupted run of the same import wrote already: passed over. */
    readonly log?: BatchLog;
  },
): Promise<AnnotationTally> {
  const counts = new Map<string, { label: string; type: string; count: number }>();
  const add = (label: string, type: string, count: number) => {
    const key = `${label}\u0000${type}`;
    const entry = counts.get(key) ?? { label, type, count: 0 };
    counts.set(key, { ...entry, count: entry.count + count });
  };
  const skipped: { file: string; reason: string }[] = [];
  // Every image is in before the first batch, so the cases are read once, not once per batch.
  const cases = await loadProjectCases(ctx.db, access.projectId);
  for (const batch of batches) {
    options.signal?.throwIfAborted();
    if (options.log?.has(batch.name)) {
      skipped.push({ file: batch.name, reason: 'imported by an earlier, interrupted run of this job' });
      options.onBatch();
      continue;
    }
    try {
      const files = await batch.files();
      const report = await runAnnotationImport(ctx, access, {
        files,
        format: batch.format,
        dryRun: false,
        cases,
      });
      for (const c of report.created) add(c.label, c.type, c.count);
      skipped.push(...report.skipped);
      await options.log?.add(batch.name);
    } catch (error) {
      if (!(error instanceof ApiError) && !(error instanceof ImageReadError)) throw error;
      skipped.push({ file: batch.name, reason: error.message });
    }
    options.onBatch();
  }
  const created = [...counts.values()].sort(
    (a, b) => a.label.localeCompare(b.label) || a.type.localeCompare(b.type),
  );
  return { created, total: created.reduce((n, c) => n + c.count, 0), skipped };
}
