import { describe, expect, it } from 'vitest';
import {
  isTypingTarget,
  keyLabels,
  keyNameOf,
  matchKeys,
  SEQUENCE_TIMEOUT_MS,
  type ShortcutBinding,
  ShortcutMatcher,
} from './shortcut-registry.js';

function bindings(ran: string[]): ShortcutBinding[] {
  return ['?', 'n', 'g p', 'g t'].map((keys) => ({
    keys,
    description: keys,
    run: () => ran.push(keys),
  }));
}

describe('matchKeys', () => {
  const list = bindings([]);
  it('runs a one-key shortcut', () => {
    const result = matchKeys(list, ['n']);
    expect(result.kind === 'run' && result.binding.keys).toBe('n');
  });
  it('waits after the first key of a sequence', () => {
    expect(matchKeys(list, ['g'])).toEqual({ kind: 'pending' });
  });
  it('completes a sequence', () => {
    const result = matchKeys(list, ['g', 't']);
    expect(result.kind === 'run' && result.binding.keys).toBe('g t');
  });
  it('answers none for keys no shortcut uses', () => {
    expect(matchKeys(list, ['x'])).toEqual({ kind: 'none' });
    expect(matchKeys(list, ['g', 'x'])).toEqual({ kind: 'none' });
  });
});

describe('ShortcutMatcher', () => {
  it('follows a sequence over two presses', () => {
    const ran: string[] = [];
    const matcher = new ShortcutMatcher(() => bindings(ran));
    expect(matcher.press('g', 0)).toBeNull();
    matcher.press('p', 100)?.run();
    expect(ran).toEqual(['g p']);
  });

  it('forgets the first key of a sequence after the timeout', () => {
    const matcher = new ShortcutMatcher(() => bindings([]));
    matcher.press('g', 0);
    expect(matcher.press('p', SEQUENCE_TIMEOUT_MS + 1)).toBeNull();
  });

  it('starts afresh with a key that breaks a sequence', () => {
    const matcher = new ShortcutMatcher(() => bindings([]));
    matcher.press('g', 0);
    expect(matcher.press('n', 10)?.keys).toBe('n');
    matcher.press('g', 20);
    expect(matcher.press('g', 30)).toBeNull();
    expect(matcher.press('p', 40)?.keys).toBe('g p');
  });

  it('sees bindings that change after it was made', () => {
    let list: ShortcutBinding[] = [];
    const matcher = new ShortcutMatcher(() => list);
    expect(matcher.press('n', 0)).toBeNull();
    list = bindings([]);
    expect(matcher.press('n', 10)?.keys).toBe('n');
  });
});

describe('key names', () => {
  it('splits a sequence into key caps', () => {
    expect(keyLabels('g  p')).toEqual(['g', 'p']);
  });
  it('names the space bar', () => {
    expect(keyNameOf(' ')).toBe('Space');
    expect(keyNameOf('?')).toBe('?');
  });
  it('treats no target as not typing', () => {
    expect(isTypingTarget(null)).toBe(false);
  });
});
