import { readFile } from 'node:fs/promises';

/**
 * Linux's CPU pressure (PSI "some" over the last 60 s, in %): the share of time runnable tasks waited for
 * a CPU. Above a few percent, other work on the machine is inflating wall times. Undefined elsewhere.
 */
export async function cpuPressure(): Promise<number | undefined> {
  try {
    const text = await readFile('/proc/pressure/cpu', 'utf8');
    const match = /^some .*avg60=([\d.]+)/m.exec(text);
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Before a benchmark, pressure means other work; after it, the benchmark's own parallel work (gzip
 * workers, the tools' threads) counts too, so only the figure before gets a verdict.
 */
export async function describeCpuPressure(before: boolean): Promise<string> {
  const pressure = await cpuPressure();
  const when = before
    ? 'before the benchmark'
    : 'over the last minute of the benchmark (its own work included)';
  if (pressure === undefined) return `CPU pressure ${when}: not available`;
  const verdict =
    before && pressure > 5 ? ' — other work is competing for the CPUs: figures are inflated' : '';
  return `CPU pressure ${when} (PSI some avg60): ${pressure.toFixed(1)}%${verdict}`;
}
