import { formatTable } from '../terminal/table.js';
import type { RunReportJson } from './deid-run-report.js';

const TOP_ATTRIBUTES = 15;
const LISTED_FLAGGED = 20;

function keyLine(key: RunReportJson['key']): string {
  const where = { file: 'the key file', 'new-file': 'a new key file', random: 'a random key for this run' }[
    key.source
  ];
  const reproducible = key.uidsReproducible
    ? 'UIDs reproducible with this key'
    : 'UIDs NOT reproducible (pass --key-file to keep them consistent across runs)';
  return `key:      ${where} (fingerprint ${key.fingerprint}); ${reproducible}`;
}

/** Burned-in text: the counts, then each flagged file (by its output name) with its reasons. */
function burnedInLines(report: RunReportJson): string[] {
  const b = report.totals.burnedIn;
  const rules =
    report.burnedInRules.source === 'default' ? 'default rules' : `rules from ${report.burnedInRules.source}`;
  const head = `burned-in: ${b.flagged} flagged (${rules}): ${b.blanked} blanked, ${b.needsReview} need review`;
  const flagged = report.files.filter((f) => f.burnedIn && f.status !== 'failed');
  if (flagged.length === 0) return [head];
  const lines = ['', head];
  for (const f of flagged.slice(0, LISTED_FLAGGED)) {
    const what =
      f.burnedIn!.status === 'blanked'
        ? `blanked ${f.burnedIn!.blanked.length} rectangle(s)`
        : 'NEEDS REVIEW';
    lines.push(`  ${f.output}: ${what} (${f.burnedIn!.reasons.join('; ')})`);
  }
  if (flagged.length > LISTED_FLAGGED)
    lines.push(`  ... and ${flagged.length - LISTED_FLAGGED} more (see the report)`);
  return lines;
}

/** The short human summary printed on stdout: counts, settings, what was done most often, leaks. */
export function summaryText(report: RunReportJson, output: string | undefined): string {
  const t = report.totals;
  const written = report.dryRun ? `${t['would-write']} would be de-identified` : `${t.done} de-identified`;
  const into =
    output && !report.dryRun ? ` into ${output}` : report.dryRun ? ' (dry run: nothing written)' : '';
  const actions = new Map<string, number>();
  for (const a of report.attributes) actions.set(a.applied, (actions.get(a.applied) ?? 0) + a.count);
  const lines = [
    `${t.files} files: ${written}, ${t.skipped} skipped, ${t.failed} failed${into}`,
    `profile:  ${report.profile.name}, Table E.1-1 edition ${report.profile.tableE1_1Edition}`,
    `options:  ${report.options.length ? report.options.join(', ') : 'none'}`,
    keyLine(report.key),
    `names:    ${report.names === 'kept' ? 'relative paths kept as they were' : 'pseudonymous (keyed), folder shape kept'}`,
    `actions:  ${[...actions].map(([a, n]) => `${a} ${n}`).join(', ') || 'none'}`,
    `leaks:    ${t.leaks === 0 ? 'none (every leak list is empty)' : `${t.leaks} identifying values left (see the report)`}`,
  ];
  lines.push(...burnedInLines(report));
  const top = report.attributes.slice(0, TOP_ATTRIBUTES);
  if (top.length > 0) {
    lines.push('', `Most frequent (${top.length} of ${report.attributes.length} attribute/action pairs):`);
    lines.push(
      formatTable(
        ['applied', 'count', 'files', 'tag', 'attribute'],
        top.map((a) => [
          a.applied,
          String(a.count),
          String(a.files),
          a.tag,
          a.name || '(not in Table E.1-1)',
        ]),
      ),
    );
  }
  return `${lines.join('\n')}\n`;
}
