import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';

/** The parts of a V8 .cpuprofile (what `node --cpu-prof` writes) that self time needs. */
interface CpuProfile {
  readonly nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  readonly samples: number[];
  readonly timeDeltas: number[];
}

export interface ProfileEntry {
  readonly name: string;
  readonly ms: number;
  readonly share: number;
}

export interface ProfileSummary {
  readonly totalMs: number;
  /** Self time by function (name and file:line), largest first. */
  readonly functions: ProfileEntry[];
  /** Self time by source file, largest first. */
  readonly files: ProfileEntry[];
}

function top(map: Map<string, number>, totalMs: number, count: number): ProfileEntry[] {
  return [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, ms]) => ({ name, ms, share: ms / totalMs }));
}

/** Self time of every .cpuprofile in `folder` (main thread and workers together), by function and by file. */
export async function summariseProfiles(
  folder: string,
  repoRoot: string,
  count = 12,
): Promise<ProfileSummary> {
  const byFunction = new Map<string, number>();
  const byFile = new Map<string, number>();
  let totalMs = 0;
  for (const name of (await readdir(folder)).filter((f) => f.endsWith('.cpuprofile'))) {
    const profile = JSON.parse(await readFile(join(folder, name), 'utf8')) as CpuProfile;
    const nodes = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
    for (let i = 0; i < profile.samples.length; i++) {
      const frame = nodes.get(profile.samples[i]!);
      const ms = (profile.timeDeltas[i] ?? 0) / 1000;
      if (!frame) continue;
      const url = frame.url.startsWith('file://')
        ? relative(repoRoot, new URL(frame.url).pathname)
        : frame.url;
      const file = url || '(native / V8)';
      const fn =
        `${frame.functionName || '(anonymous)'} ${url ? `${url}:${frame.lineNumber + 1}` : ''}`.trim();
      byFunction.set(fn, (byFunction.get(fn) ?? 0) + ms);
      byFile.set(file, (byFile.get(file) ?? 0) + ms);
      totalMs += ms;
    }
  }
  return { totalMs, functions: top(byFunction, totalMs, count), files: top(byFile, totalMs, count) };
}

export function formatProfile(summary: ProfileSummary): string {
  const line = (e: ProfileEntry) =>
    `    ${e.ms.toFixed(0).padStart(6)} ms ${(e.share * 100).toFixed(1).padStart(5)}%  ${e.name}`;
  return [
    `  sampled ${summary.totalMs.toFixed(0)} ms (all threads); self time by function:`,
    ...summary.functions.map(line),
    '  by file:',
    ...summary.files.map(line),
  ].join('\n');
}
