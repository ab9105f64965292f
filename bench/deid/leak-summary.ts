import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CoreDeid } from './core-deid.js';

/** One attribute a tool left identifying, over all the files. */
export interface LeakSummaryRow {
  /** Tags from the top with item indices as [*], e.g. '00400275[*]/00401001'. */
  readonly path: string;
  readonly name: string;
  /** Files whose copy still holds it. */
  readonly files: number;
  /** One of the values left, as the first file shows it. */
  readonly example: string;
}

export interface LeakSummary {
  /** Copies compared with their inputs (inputs without a copy count as missing). */
  readonly compared: number;
  readonly missing: string[];
  readonly rows: LeakSummaryRow[];
}

/**
 * Core's leak list (Table E.1-1 attributes still holding their original value, private attributes still
 * present) of every copy in `outputFolder` against the input of the same name, added up per attribute.
 */
export async function summariseLeaks(
  core: CoreDeid,
  inputFolder: string,
  outputFolder: string,
): Promise<LeakSummary> {
  const byPath = new Map<string, { name: string; files: number; example: string }>();
  const outputs = new Set(await readdir(outputFolder));
  const missing: string[] = [];
  let compared = 0;
  for (const file of (await readdir(inputFolder)).sort()) {
    if (!outputs.has(file)) {
      missing.push(file);
      continue;
    }
    const leaks = core.leakList(
      await readFile(join(inputFolder, file)),
      await readFile(join(outputFolder, file)),
    );
    compared += 1;
    const seen = new Set<string>();
    for (const leak of leaks) {
      const path = leak.path.replace(/\[\d+\]/g, '[*]');
      if (seen.has(path)) continue;
      seen.add(path);
      const row = byPath.get(path) ?? { name: leak.name, files: 0, example: leak.value };
      row.files += 1;
      byPath.set(path, row);
    }
  }
  const rows = [...byPath].map(([path, r]) => ({ path, ...r })).sort((a, b) => a.path.localeCompare(b.path));
  return { compared, missing, rows };
}

/**
 * The summary as lines: one per attribute (tag path, name, files, an example value), those still holding
 * an original value or present as private attributes first, then those emptied where the profile removes
 * them (X), which hold nothing identifying but break the profile; or "empty".
 */
export function formatLeakSummary(tool: string, summary: LeakSummary): string[] {
  // A private attribute is a leak whatever its value (binary ones read as '').
  const isEmptied = (r: LeakSummaryRow) =>
    r.example === '' && Number.parseInt(r.path.slice(3, 4), 16) % 2 === 0;
  const emptied = summary.rows.filter(isEmptied);
  const kept = summary.rows.filter((r) => !isEmptied(r));
  const head = `${tool}: leak list over ${summary.compared} copies`;
  if (summary.rows.length === 0) return [`${head}: empty`];
  const lines = [
    `${head}: ${kept.length} attribute(s) still hold a value, ${emptied.length} more are emptied, not removed`,
  ];
  const width = Math.max(0, ...summary.rows.map((r) => r.path.length));
  for (const r of kept) {
    const example = r.example.length > 40 ? `${r.example.slice(0, 37)}…` : r.example;
    lines.push(`  ${r.path.padEnd(width)}  ${r.name} — ${r.files} files, e.g. "${example}"`);
  }
  if (emptied.length) lines.push('  emptied where the profile says X (remove):');
  for (const r of emptied) lines.push(`  ${r.path.padEnd(width)}  ${r.name} — ${r.files} files`);
  if (summary.missing.length)
    lines.push(`  no copy of ${summary.missing.length} input(s), e.g. ${summary.missing[0]}`);
  return lines;
}
