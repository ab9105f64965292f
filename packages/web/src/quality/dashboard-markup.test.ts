import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { AnnotatorQualitySection } from './AnnotatorQualitySection.js';
import { LabelQualitySection } from './LabelQualitySection.js';
import { TEST_ANNOTATORS, TEST_LABELS, testItem } from './test-report.js';
import { WorstItemsList } from './WorstItemsList.js';

/** The text of each table cell, in order, tags removed. */
function cells(html: string): string[] {
  return [...html.matchAll(/<t[dh][^>]*>(.*?)<\/t[dh]>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, ''));
}

describe('LabelQualitySection', () => {
  const html = renderToStaticMarkup(createElement(LabelQualitySection, { labels: TEST_LABELS }));

  it('shows every number of a label in the table, κ and α only for classification', () => {
    const text = cells(html);
    expect(text).toContain('Fleiss κ');
    // Liver: 10 items, 2 below → 80 % pass; no κ/α, empty cells.
    expect(text.slice(text.indexOf('Liver segmentation'), text.indexOf('Liver segmentation') + 10)).toEqual([
      'Liver segmentation',
      'Dice',
      '0.84',
      '0.86',
      '10',
      '≥ 0.80',
      '2',
      '80 %',
      '',
      '',
    ]);
    expect(text).toContain('0.41');
    expect(text).toContain('0.42 (0.20–0.61)');
  });

  it('draws the pass rates as bars', () => {
    expect(html).toContain('<title>Liver: 80 %</title>');
    expect(html).toContain('<title>Finding: 70 %</title>');
  });

  it('leaves the κ and α columns out when no label is a classification', () => {
    const only = renderToStaticMarkup(
      createElement(LabelQualitySection, { labels: TEST_LABELS.slice(0, 1) }),
    );
    expect(only).not.toContain('Fleiss');
  });
});

describe('AnnotatorQualitySection', () => {
  const html = renderToStaticMarkup(createElement(AnnotatorQualitySection, { annotators: TEST_ANNOTATORS }));

  it('lists the lowest agreement first, with counts, pace and a sparkline over the shared days', () => {
    const text = cells(html);
    expect(text.indexOf('Mo')).toBeLessThan(text.indexOf('Ana'));
    expect(text).toContain('8 / 10');
    expect(text).toContain('2.5');
    expect(html).toContain('aria-label="Ana: 8 done over 3 days, at most 5 a day"');
    expect(html).toContain('aria-label="Mo: 4 done over 3 days, at most 4 a day"');
    expect(html).toContain('aria-sort="ascending"');
  });
});

describe('WorstItemsList', () => {
  it('links each item to its review screen and to the viewer', () => {
    const html = renderToStaticMarkup(
      createElement(WorstItemsList, {
        projectId: 'p',
        items: [testItem(), testItem({ id: 'it-2', seriesUid: null, studyUid: null, imageId: 'img-9' })],
      }),
    );
    expect(html).toContain('href="/projects/p/quality/items/it-1"');
    expect(html).toContain('href="/projects/p/studies/1.2/series/1.2.3"');
    expect(html).toContain('href="/projects/p/images/img-9"');
    expect(html).toContain('Liver: 0.61 (≥ 0.80)');
  });
});
