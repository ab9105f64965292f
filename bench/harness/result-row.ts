/** One tool's figure in a result row. */
export interface SideResult {
  readonly tool: string;
  /** Median seconds; absent when the side was skipped or failed. */
  readonly seconds?: number;
  /** Every timed run in seconds (their count is N). */
  readonly runs?: number[];
  /** Throughput at the median, e.g. 2440 files/s or 650 MB/s. */
  readonly rate?: { readonly value: number; readonly unit: string };
  /** Why the side did not run (a missing tool, a function not there yet). */
  readonly skipped?: string;
  /** What went wrong when it ran and failed (it is then not timed). */
  readonly error?: string;
}

/** One measure: ours, optionally a peer tool, and ours/peer (≤ 1 means we are as fast or faster). */
export interface ResultRow {
  readonly id: string;
  readonly measure: string;
  readonly ours: SideResult;
  readonly peer?: SideResult;
  readonly ratio?: number;
  readonly notes: string[];
}

export function ratioOf(ours: SideResult, peer: SideResult | undefined): number | undefined {
  if (ours.seconds === undefined || peer?.seconds === undefined) return undefined;
  return ours.seconds / peer.seconds;
}

/** Runs `time` and turns a thrown error into a failed side, so one broken measure does not stop the rest. */
export async function attempt(tool: string, time: () => Promise<SideResult>): Promise<SideResult> {
  try {
    return await time();
  } catch (error) {
    return { tool, error: (error as Error).message.split('\n').slice(0, 6).join('\n') };
  }
}
