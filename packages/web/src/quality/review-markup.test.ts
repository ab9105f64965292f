import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { AgreementTable } from './AgreementTable.js';
import { agreementRows, consensusRows } from './agreement-rows.js';
import { ConsensusPanel } from './ConsensusPanel.js';
import type { ConsensusSet } from './quality-api.js';
import { SendBackDialog } from './SendBackDialog.js';
import { SlicePane } from './SlicePane.js';
import { TEST_READERS, testItem } from './test-report.js';

const noop = () => undefined;

describe('AgreementTable', () => {
  it("shows the item's agreement with reader names and pair details", () => {
    const item = testItem();
    const html = renderToStaticMarkup(
      createElement(AgreementTable, { rows: agreementRows(item.agreement!, item.readers) }),
    );
    expect(html).toContain('class="failed"');
    expect(html).toContain('below threshold');
    expect(html).toContain('Ana – Mo: 0.61');
    expect(html).toContain('HD95 7.5 mm');
  });
});

describe('ConsensusPanel', () => {
  const consensus: ConsensusSet = {
    id: 'c',
    itemId: 'it-1',
    status: 'proposed',
    method: 'automatic',
    labels: [
      {
        labelId: 'liver',
        method: 'staple',
        parameters: {},
        annotationIds: [],
        readers: [{ userId: 'u1', sensitivity: 0.9, specificity: 0.99 }],
      },
    ],
    inputs: [],
    createdBy: null,
    createdAt: '2026-03-02T10:00:00Z',
    acceptedBy: null,
    acceptedAt: null,
  };

  it('shows the method, STAPLE per reader and the link to edit in the viewer', () => {
    const item = testItem();
    const html = renderToStaticMarkup(
      createElement(ConsensusPanel, {
        consensus,
        rows: consensusRows(consensus, item.agreement!, item.readers),
        viewerPath: '/projects/p/studies/1.2/series/1.2.3',
        busy: false,
        onRecompute: noop,
      }),
    );
    expect(html).toContain('Proposed · automatic');
    expect(html).toContain('<strong>Liver</strong>: STAPLE');
    expect(html).toContain('0.900');
    expect(html).toContain('0.990');
    expect(html).toContain('href="/projects/p/studies/1.2/series/1.2.3"');
    expect(html).toContain('Edit consensus in the viewer');
  });
});

describe('SendBackDialog', () => {
  it('is a modal with a required comment and every reader chosen', () => {
    const html = renderToStaticMarkup(
      createElement(SendBackDialog, { readers: TEST_READERS, busy: false, onSend: noop, onCancel: noop }),
    );
    expect(html).toContain('role="dialog"');
    expect(html).toContain('aria-modal="true"');
    expect(html).toMatch(/<textarea[^>]*maxLength="2000"[^>]*aria-required="true"/);
    expect(html.match(/type="checkbox" checked=""/g)).toHaveLength(2);
    expect(html).toContain('Ana');
    expect(html).toContain('Mo');
  });
});

describe('SlicePane', () => {
  it('names each reader with their key and colour and describes the image', () => {
    const html = renderToStaticMarkup(
      createElement(SlicePane, {
        title: 'Slice 3 of 9',
        imageUrl: '/x/rendered',
        layers: [{ sourceId: 'u1', name: 'Ana', colour: '#E69F00', number: 1, shapes: [], maskUrls: [] }],
        pixels: null,
      }),
    );
    expect(html).toContain('<kbd>1</kbd> Ana');
    expect(html).toContain('background:#E69F00');
    expect(html).toContain('alt="Slice 3 of 9"');
    expect(html).toContain('nothing on this slice');
    // Without the item's dims the overlay waits for the image's size: none before it loads.
    expect(html).not.toContain('<svg');
  });

  it("links each source to the viewer showing that source's annotations alone", () => {
    const html = renderToStaticMarkup(
      createElement(SlicePane, {
        title: 'Slice 1 of 1',
        imageUrl: '/x/rendered',
        layers: [
          { sourceId: 'u1', name: 'Ana', colour: '#E69F00', number: 1, shapes: [], maskUrls: [] },
          { sourceId: 'u2', name: 'Ben', colour: '#56B4E9', number: 2, shapes: [], maskUrls: [] },
        ],
        pixels: null,
        sourceViewerPath: (sourceId: string) => (sourceId === 'u1' ? `/viewer?author=${sourceId}` : null),
      }),
    );
    expect(html).toContain('href="/viewer?author=u1"');
    expect(html).toContain('aria-label="Open Ana in the viewer, alone"');
    // A source the viewer cannot show gets no link.
    expect(html.match(/Open in the viewer/g)).toHaveLength(1);
  });

  it("lays the overlay at once in the item's pixel grid, no taller than 60 % of the window", () => {
    const mask = { labelId: 'liver', url: '/m.png' };
    const html = renderToStaticMarkup(
      createElement(SlicePane, {
        title: 'Slice 1 of 1',
        imageUrl: '/x/rendered',
        layers: [{ sourceId: 'u1', name: 'Ana', colour: '#E69F00', number: 1, shapes: [], maskUrls: [mask] }],
        pixels: { width: 256, height: 128 },
      }),
    );
    expect(html).toContain('viewBox="0 0 256 128"');
    expect(html).toContain('href="/m.png"');
    // 256 × 128 is twice as wide as tall: at most 2 × 60vh wide.
    expect(html).toContain('max-width:calc(60vh * 2)');
  });
});
