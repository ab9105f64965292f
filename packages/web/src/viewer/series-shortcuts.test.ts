import { describe, expect, it } from 'vitest';
import { keyNameOf, ShortcutMatcher } from '../app/shortcut-registry.js';
import { seriesShortcutBindings, seriesShortcuts } from './series-shortcuts.js';
import { viewerActionFor } from './viewer-shortcuts.js';

describe('seriesShortcuts', () => {
  it('steps forward on "." and back on ","', () => {
    const steps: number[] = [];
    const matcher = new ShortcutMatcher(() => seriesShortcutBindings((delta) => steps.push(delta)));
    for (const [i, key] of ['.', ',', '.'].entries()) matcher.press(keyNameOf(key), i * 100)?.run();
    expect(steps).toEqual([1, -1, 1]);
  });

  it("takes no key of the viewer's", () => {
    for (const { keys } of seriesShortcuts) expect(viewerActionFor({ key: keys })).toBeUndefined();
  });

  it("takes no key of the app's global shortcuts", () => {
    const globals = ['?', 'Escape', 'g', 'n'];
    for (const { keys } of seriesShortcuts) expect(globals).not.toContain(keys);
  });
});
