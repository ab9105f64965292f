import type { ImportJobSummary, ServerData } from '@voxelhub/server';

/**
 * Prints what an import job left: each failed item on stderr with its reason (files that are not images
 * as warnings: they are skipped, as `info` and `convert` do), then the counts on stdout. Returns the exit
 * code: 1 when an item failed or the job was interrupted.
 */
export async function reportImport(
  data: ServerData,
  jobId: string,
  summary: ImportJobSummary,
  itemName: (key: string) => string,
): Promise<number> {
  const failed = await data.database.db
    .selectFrom('job_items')
    .select(['item_key', 'error'])
    .where('job_id', '=', jobId)
    .where('state', '=', 'failed')
    .orderBy('item_key')
    .execute();
  let errors = 0;
  for (const f of failed) {
    const name = itemName(f.item_key);
    const [, code = 'FAILED', message = f.error ?? 'failed'] = /^([A-Z_]+): (.*)$/s.exec(f.error ?? '') ?? [];
    const text = message.startsWith(name) ? message : `${name}: ${message}`;
    if (code === 'UNSUPPORTED_FORMAT')
      process.stderr.write(`warning: ${text.replace(/: /, ': skipped (')})\n`);
    else {
      errors++;
      process.stderr.write(`error: ${text} [${code}]\n`);
    }
  }
  const notImages = summary.failed - errors + summary.skipped;
  process.stdout.write(
    `${summary.imported} imported, ${summary.duplicates} already there, ${errors} failed` +
      (notImages > 0 ? `, ${notImages} skipped (not images)` : '') +
      (summary.pending ? `, ${summary.pending} left in job ${jobId} (interrupted)` : '') +
      '\n',
  );
  return errors > 0 || summary.pending > 0 ? 1 : 0;
}
