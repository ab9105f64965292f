import { viewerShortcuts } from '../viewer/viewer-shortcuts.js';
import type { Shortcut } from './shortcut-registry.js';

/** One line of the help overlay: alternative keys (each maybe a sequence like `g p`) and what they do. */
export interface HelpEntry {
  readonly keys: readonly string[];
  readonly description: string;
}

export interface HelpSection {
  readonly title: string;
  readonly entries: readonly HelpEntry[];
}

/**
 * The overlay's sections: the app's global shortcuts first, then the viewer's, grouped as the viewer
 * groups them. Groups keep the order in which their first shortcut appears.
 */
export function helpSections(globals: readonly Shortcut[]): HelpSection[] {
  const sections: HelpSection[] = [
    { title: 'Everywhere', entries: globals.map((s) => ({ keys: [s.keys], description: s.description })) },
  ];
  const viewerGroups = new Map<string, HelpEntry[]>();
  for (const shortcut of viewerShortcuts) {
    const title = `Viewer · ${shortcut.group}`;
    const entries = viewerGroups.get(title) ?? [];
    entries.push({ keys: shortcut.keys, description: shortcut.description });
    viewerGroups.set(title, entries);
  }
  for (const [title, entries] of viewerGroups) sections.push({ title, entries });
  return sections;
}
