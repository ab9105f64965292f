import { describe, expect, it } from 'vitest';
import { saveIndicatorView } from './save-indicator-view.js';
import type { SaveSummary } from './save-summary.js';

function summary(counts: Partial<Omit<SaveSummary, 'hasUnsavedChanges'>>): SaveSummary {
  const all = { pending: 0, saving: 0, unsaved: 0, conflicted: 0, rejected: 0, ...counts };
  const total = all.pending + all.saving + all.unsaved + all.conflicted + all.rejected;
  return { ...all, hasUnsavedChanges: total > 0 };
}

describe('saveIndicatorView', () => {
  it.each([
    [{}, 'saved', 'All changes saved'],
    [{ pending: 2 }, 'saving', 'Saving…'],
    [{ saving: 1 }, 'saving', 'Saving…'],
    [{ unsaved: 3 }, 'unsaved', '3 unsaved — retrying'],
    [{ conflicted: 1 }, 'conflict', '1 conflict'],
    [{ conflicted: 2 }, 'conflict', '2 conflicts'],
    [{ rejected: 1 }, 'rejected', '1 refused'],
  ] as const)('%j reads %s: "%s"', (counts, state, text) => {
    expect(saveIndicatorView(summary(counts))).toEqual({ state, items: [{ state, text }] });
  });

  it('lists every state present, what waits for the user first', () => {
    const view = saveIndicatorView(summary({ saving: 1, unsaved: 2, rejected: 1, conflicted: 1 }));
    expect(view.state).toBe('conflict');
    expect(view.items.map((i) => i.text)).toEqual([
      '1 conflict',
      '1 refused',
      '2 unsaved — retrying',
      'Saving…',
    ]);
  });

  it('puts a refusal before saves that retry on their own', () => {
    expect(saveIndicatorView(summary({ unsaved: 4, rejected: 1 })).state).toBe('rejected');
  });
});
