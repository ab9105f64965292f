import type { ResultRow, SideResult } from './result-row.js';

const number = (value: number, digits: number) =>
  value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

function cell(side: SideResult | undefined): string {
  if (!side) return '—';
  if (side.error) return 'FAILED';
  if (side.skipped || side.seconds === undefined) return 'skipped';
  const rate = side.rate
    ? ` (${number(side.rate.value, side.rate.value < 100 ? 1 : 0)} ${side.rate.unit})`
    : '';
  return `${number(side.seconds, side.seconds < 10 ? 3 : 1)} s${rate} N=${side.runs?.length ?? 0}`;
}

function pad(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows
    .map((r) =>
      r
        .map((v, c) => v.padEnd(widths[c]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/**
 * The final table (measure, ours, peer, ours/peer), then each row's notes and why cells were skipped
 * or failed.
 */
export function formatResults(rows: readonly ResultRow[]): string {
  const header = ['measure', 'ours', 'peer', 'peer tool', 'ours/peer'];
  const body = rows.map((r) => [
    r.measure,
    cell(r.ours),
    cell(r.peer),
    r.peer?.tool ?? '—',
    r.ratio === undefined ? '—' : number(r.ratio, 2),
  ]);
  const lines = [pad([header, header.map((h) => '-'.repeat(h.length)), ...body])];
  for (const r of rows) {
    for (const note of r.notes) lines.push(`  ${r.measure}: ${note}`);
    for (const side of [r.ours, r.peer]) {
      if (side?.error) lines.push(`  ${r.measure}: ${side.tool} FAILED: ${side.error}`);
      else if (side?.skipped) lines.push(`  ${r.measure}: ${side.tool} skipped: ${side.skipped}`);
    }
  }
  return lines.join('\n');
}
