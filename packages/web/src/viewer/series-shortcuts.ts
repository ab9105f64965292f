import type { Shortcut, ShortcutBinding } from '../app/shortcut-registry.js';

/** A key that steps to another series of the project (see series-navigation.ts). */
export interface SeriesShortcut extends Shortcut {
  /** Series to move by in project-page order: 1 next, -1 previous. */
  readonly delta: 1 | -1;
}

/**
 * `.` and `,` (the keys under `>` and `<`): free among the viewer's keys and the app's (`?`, `g p`, `g o`,
 * `n`), typed without Shift on common layouts, and next to each other, as in other viewers' next/previous.
 * In the app's shortcut shape, beside `n` (next task), since they leave the current series as it does.
 */
export const seriesShortcuts: readonly SeriesShortcut[] = [
  { keys: '.', description: "Next series (after a study's last, the next study's first)", delta: 1 },
  { keys: ',', description: 'Previous series', delta: -1 },
];

/** The shortcuts bound to a step function, for useGlobalShortcuts; `step` receives the delta. */
export function seriesShortcutBindings(step: (delta: 1 | -1) => void): ShortcutBinding[] {
  return seriesShortcuts.map((shortcut) => ({ ...shortcut, run: () => step(shortcut.delta) }));
}
