import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Study } from '../api/api-types.js';
import { SeriesStrip } from './SeriesStrip.js';

const STUDIES: Study[] = [
  {
    id: 'study-1',
    studyInstanceUid: '1.2.3',
    subject: 'S1',
    studyDate: '20240102',
    description: 'CT chest',
    series: [
      { id: 's1', seriesInstanceUid: '1.2.3.1', modality: 'CT', description: 'Axial 1mm', imageCount: 120 },
      { id: 's2', seriesInstanceUid: '1.2.3.2', modality: 'SR', description: null, imageCount: 1 },
    ],
  },
  {
    id: 'study-2',
    studyInstanceUid: '9.9',
    subject: 'S2',
    studyDate: null,
    description: null,
    series: [{ id: 's3', seriesInstanceUid: '9.9.1', modality: 'MR', description: 'T1', imageCount: 30 }],
  },
];

function strip(studyUid: string, seriesUid: string): string {
  return renderToStaticMarkup(
    createElement(SeriesStrip, { projectId: 'p 1', studyUid, seriesUid, studies: STUDIES }),
  );
}

describe('SeriesStrip', () => {
  it("lists the current study's series only, each a link to its viewer page", () => {
    const html = strip('1.2.3', '1.2.3.2');
    expect(html).toContain('aria-label="Series of the study CT chest"');
    expect(html.match(/<a /g)).toHaveLength(2);
    expect(html).toContain('href="/projects/p%201/studies/1.2.3/series/1.2.3.1"');
    expect(html).not.toContain('9.9.1');
  });

  it('marks the open series as the current page', () => {
    const html = strip('1.2.3', '1.2.3.2');
    expect(html).toMatch(/href="[^"]*series\/1\.2\.3\.2"[^>]*aria-current="page"/);
    expect(html.match(/aria-current/g)).toHaveLength(1);
  });

  it('shows modality, description (the UID when there is none) and image count', () => {
    const html = strip('1.2.3', '1.2.3.1');
    for (const text of ['CT', 'Axial 1mm', '120 images', 'SR', '1.2.3.2', '1 image<'])
      expect(html).toContain(text);
  });

  it('shows nothing for a study the project does not list', () => {
    expect(strip('0.0', '0.0.1')).toBe('');
  });
});
