import { describe, expect, it } from 'vitest';
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

  it("lists every viewer shortcut once, under the viewer's groups", () => {
    const viewer = sections.slice(1);
    expect(viewer.every((section) => section.title.startsWith('Viewer · '))).toBe(true);
    expect(viewer.flatMap((section) => section.entries).length).toBe(viewerShortcuts.length);
  });
});
