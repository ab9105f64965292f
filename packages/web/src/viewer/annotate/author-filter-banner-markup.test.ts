import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { AuthorFilterBanner } from './AuthorFilterBanner.js';

describe('AuthorFilterBanner', () => {
  it('tells the reviewer that edits change the consensus and new shapes stay theirs', () => {
    const html = renderToStaticMarkup(
      createElement(AuthorFilterBanner, {
        projectId: 'p',
        banner: {
          kind: 'consensus',
          reviewPath: '/projects/p/quality/items/it-1',
          everyonePath: '/projects/p/images/i',
        },
      }),
    );
    expect(html).toContain('Consensus of the readers — your edits change the consensus');
    expect(html).toContain('then accept it in the review screen');
    expect(html).toContain('New shapes you draw are yours, not part of the consensus.');
    expect(html).toContain('href="/projects/p/quality/items/it-1"');
    expect(html).toContain('href="/projects/p/images/i"');
    expect(html).toContain('Show everyone&#x27;s annotations');
  });

  it('offers no way back to a review screen it does not know', () => {
    const html = renderToStaticMarkup(
      createElement(AuthorFilterBanner, {
        projectId: 'p',
        banner: { kind: 'consensus', reviewPath: null, everyonePath: '/projects/p/images/i' },
      }),
    );
    expect(html).not.toContain('review screen</a>');
    expect(html).toContain('href="/projects/p/images/i"');
  });

  it("says that another author's annotations are shown alone (the name follows once the members load)", () => {
    const html = renderToStaticMarkup(
      createElement(AuthorFilterBanner, {
        projectId: 'p',
        banner: { kind: 'author', authorId: 'u-1', everyonePath: '/projects/p/images/i' },
      }),
    );
    expect(html).toContain('annotations only');
    expect(html).not.toContain('consensus');
    expect(html).toContain('href="/projects/p/images/i"');
  });
});
