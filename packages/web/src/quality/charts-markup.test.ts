import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { BarChart } from './BarChart.js';
import { LineChart } from './LineChart.js';
import { Sparkline } from './Sparkline.js';

describe('BarChart markup', () => {
  const html = renderToStaticMarkup(
    createElement(BarChart, {
      title: 'Pass rate per label',
      width: 300,
      max: 1,
      marker: { value: 0.5, name: 'half' },
      data: [
        { key: 'a', name: 'Liver', value: 0.75, text: '75 %' },
        { key: 'b', name: 'Spleen', value: null, text: '—' },
      ],
    }),
  );

  it('is an image titled for screen readers', () => {
    expect(html).toMatch(/^<svg[^>]*role="img"[^>]*aria-labelledby="([^"]+)"/);
    const id = /aria-labelledby="([^"]+)"/.exec(html)![1];
    expect(html).toContain(`<title id="${id}">Pass rate per label</title>`);
  });

  it('draws a bar per value, says "no data" for a missing one, and marks the reference', () => {
    // Plot width 300 − 140 (names) − 64 (values) = 96 px; 0.75 of it is 72.
    expect(html).toContain('class="chart-bar" x="140" y="4" width="72"');
    expect(html).toContain('<title>Liver: 75 %</title>');
    expect(html.match(/class="chart-bar"/g)).toHaveLength(1);
    expect(html).toContain('no data');
    // The marker at 0.5: 140 + 48.
    expect(html).toContain('x1="188"');
  });

  it('renders nothing without data', () => {
    expect(renderToStaticMarkup(createElement(BarChart, { title: 't', data: [] }))).toBe('');
  });
});

describe('LineChart and Sparkline markup', () => {
  it('draws the line with a gap and a dot per known value', () => {
    const html = renderToStaticMarkup(
      createElement(LineChart, {
        title: 'Agreement over time',
        points: [
          { date: '2026-03-01', value: 0.5 },
          { date: '2026-03-02', value: null },
          { date: '2026-03-03', value: 1 },
        ],
      }),
    );
    expect(html).toContain('Agreement over time</title>');
    expect(html.match(/<circle/g)).toHaveLength(2);
    // Two runs of one point each: the gap splits the path into two dots.
    const d = /class="chart-line" d="([^"]+)"/.exec(html)![1]!;
    expect(d.match(/M/g)).toHaveLength(2);
    expect(html).toContain('<title>2026-03-03: 1.00</title>');
  });

  it('labels a sparkline with what it shows', () => {
    const html = renderToStaticMarkup(createElement(Sparkline, { values: [0, 2, 1], label: 'Ana: 3 done' }));
    expect(html).toContain('aria-label="Ana: 3 done"');
    expect(html).toContain('<title>Ana: 3 done</title>');
  });
});
