import { FRAME_LABEL_SHORTCUTS } from '../classify/frame-label-shortcuts.js';
import { reviewQueueShortcuts, reviewScreenShortcuts } from '../quality/review-keys.js';
import { annotationShortcuts } from '../viewer/annotate/annotation-shortcuts.js';
import { segmentationHelpSection } from '../viewer/segmentation/segmentation-shortcuts.js';
import { seriesShortcuts } from '../viewer/series-shortcuts.js';
import { taskShortcuts } from '../viewer/task/task-shortcuts.js';
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
 * groups them (groups keep the order in which their first shortcut appears), then the quality review's.
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
  sections.push(
    {
      title: 'Viewer · Series',
      entries: seriesShortcuts.map((s) => ({ keys: [s.keys], description: s.description })),
    },
    { title: 'Viewer · Tasks', entries: taskShortcuts },
    { title: 'Viewer · Annotate', entries: annotationShortcuts },
    { ...segmentationHelpSection, title: 'Viewer · Masks' },
    {
      title: 'Viewer · Cine frame labels',
      entries: FRAME_LABEL_SHORTCUTS.map((s) => ({ keys: s.keys, description: s.description })),
    },
    { title: 'Quality · Review queue', entries: reviewQueueShortcuts },
    { title: 'Quality · Review an item', entries: reviewScreenShortcuts },
  );
  return sections;
}
