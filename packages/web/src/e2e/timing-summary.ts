/** Statistics of event times (ms on one clock) for the loading measurements. */

/** The nearest-rank percentile (p in 0–100): a value that occurred, never an interpolation. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** The time between each pair of consecutive (sorted) times. */
export const gaps = (times: readonly number[]): number[] => times.slice(1).map((t, i) => t - times[i]!);

/** The times in [from, to]. */
export const within = (times: readonly number[], from: number, to: number): number[] =>
  times.filter((t) => t >= from && t <= to);

/** To 0.1 ms: finer digits of performance.now() are noise (and coarsened by the browser anyway). */
export const round = (value: number | null): number | null =>
  value === null ? null : Math.round(value * 10) / 10;

/** Per input between `from` and `to`, the time until the first of the (sorted) `events` at or after it. */
export function latencies(
  inputs: readonly number[],
  events: readonly number[],
  from: number,
  to: number,
): number[] {
  return within(inputs, from, to).flatMap((input) => {
    const next = events.find((ms) => ms >= input);
    return next === undefined ? [] : [next - input];
  });
}

export interface TimingSummary {
  readonly count: number;
  readonly p50Ms: number | null;
  readonly p95Ms: number | null;
}

export const summary = (values: readonly number[]): TimingSummary => ({
  count: values.length,
  p50Ms: round(percentile(values, 50)),
  p95Ms: round(percentile(values, 95)),
});
