import type { SaveSummary } from './save-summary.js';

/** The indicator's states, most urgent first; `data-state` carries the most urgent one present. */
export type SaveIndicatorState = 'conflict' | 'rejected' | 'unsaved' | 'saving' | 'saved';

/** One part of the indicator: what it says, and the state it stands for (which decides its button). */
export interface SaveIndicatorItem {
  readonly state: SaveIndicatorState;
  readonly text: string;
}

export interface SaveIndicatorView {
  readonly state: SaveIndicatorState;
  /** Every state present, most urgent first: "1 conflict", "3 unsaved — retrying"; "All changes saved" alone. */
  readonly items: readonly SaveIndicatorItem[];
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * What the viewer bar says about saving. A conflict or a refusal waits for the user, so it comes before
 * saves that will go through on their own; pending edits (the quiet time before a save) read as "Saving…"
 * since nothing is wrong with them.
 */
export function saveIndicatorView(summary: SaveSummary): SaveIndicatorView {
  const items: SaveIndicatorItem[] = [];
  if (summary.conflicted > 0)
    items.push({ state: 'conflict', text: count(summary.conflicted, 'conflict', 'conflicts') });
  if (summary.rejected > 0) items.push({ state: 'rejected', text: `${summary.rejected} refused` });
  if (summary.unsaved > 0) items.push({ state: 'unsaved', text: `${summary.unsaved} unsaved — retrying` });
  if (summary.pending + summary.saving > 0) items.push({ state: 'saving', text: 'Saving…' });
  if (items.length === 0) items.push({ state: 'saved', text: 'All changes saved' });
  return { state: items[0]!.state, items };
}
