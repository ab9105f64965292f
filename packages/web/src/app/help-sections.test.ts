import { describe, expect, it } from 'vitest';
import { FRAME_LABEL_SHORTCUTS } from '../classify/frame-label-shortcuts.js';
import { annotationShortcuts } from '../viewer/annotate/annotation-shortcuts.js';
import { segmentationShortcuts } from '../viewer/segmentation/segmentation-shortcuts.js';
import { seriesShortcuts } from '../viewer/series-shortcuts.js';
import { taskShortcuts } from '../viewer/task/task-shortcuts.js';
import { viewerShortcuts } from '../viewer/viewer-shortcuts.js';
import { helpSections } from './help-sections.js';

describe('helpSections', () => {
  const sections = helpSections([
    { keys: '?', description: 'Show this help' },
    { keys: 'g p', description: 'Go to the projects' },
  ]);

  it('lists the global shortcuts first', () => {
    expect(sections[0]).toEqual({
      title: 'Everywhere',
      entries: [
        { keys: ['?'], description: 'Show this help' },
        { keys: ['g p'], description: 'Go to the projects' },
      ],
    });
  });

  const viewerSections = sections.filter((section) => section.title.startsWith('Viewer · '));

  it("lists every viewer shortcut once, under the viewer's groups", () => {
    const viewer = viewerSections;
    expect(sections.slice(1, 1 + viewer.length)).toEqual(viewer);
    expect(viewer.flatMap((section) => section.entries).length).toBe(
      viewerShortcuts.length +
        seriesShortcuts.length +
        taskShortcuts.length +
        annotationShortcuts.length +
        segmentationShortcuts.length +
        FRAME_LABEL_SHORTCUTS.length,
    );
  });

  it('never gives one key two meanings in the viewer', () => {
    const keys = viewerSections
      .flatMap((section) => section.entries.flatMap((entry) => entry.keys))
      .filter((key) => key !== '1 … 9');
    expect(keys.filter((key, n) => keys.indexOf(key) !== n)).toEqual([]);
  });

  it('ends with the quality review screens, each key with one meaning per screen', () => {
    const quality = sections.filter((section) => section.title.startsWith('Quality · '));
    expect(quality.map((section) => section.title)).toEqual([
      'Quality · Review queue',
      'Quality · Review an item',
    ]);
    expect(sections.slice(-quality.length)).toEqual(quality);
    for (const section of quality) {
      const keys = section.entries.flatMap((entry) => entry.keys);
      expect(new Set(keys).size).toBe(keys.length);
    }
  });
});
