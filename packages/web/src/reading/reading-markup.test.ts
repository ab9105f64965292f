import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Label, Project, Study } from '../api/api-types.js';
import { ReadingSettingsForm } from './ReadingSettingsForm.js';
import { PickAndSend } from './SendToReadersForm.js';

/** The text of each table cell, in order, tags removed. */
function cells(html: string): string[] {
  return [...html.matchAll(/<t[dh][^>]*>(.*?)<\/t[dh]>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, '').trim());
}

/** Every form control that has no name for a screen reader: neither inside a <label> nor aria-labelled. */
function unlabelledControls(html: string): string[] {
  const unlabelled: string[] = [];
  // Controls inside a <label>…</label> are named by it; take those out, then look at what is left.
  const outsideLabels = html.replace(/<label[^>]*>.*?<\/label>/gs, '');
  for (const match of outsideLabels.matchAll(/<(input|select|textarea)\b[^>]*>/g))
    if (!/aria-label=/.test(match[0])) unlabelled.push(match[0]);
  return unlabelled;
}

const label = (id: string, name: string, type: string): Label => ({
  id,
  name,
  type,
  colour: '#ff0000',
  guideline: '',
  sortOrder: 0,
  classification: null,
  examples: [],
});

const project: Project = {
  id: 'p1',
  name: 'Liver',
  description: '',
  role: 'manager',
  createdAt: '2026-01-01T00:00:00Z',
  imageCount: 3,
  memberCount: 4,
  requireDeidentification: true,
  labels: [
    label('l1', 'Tumour', 'mask'),
    label('l2', 'Lesion box', 'box'),
    label('l3', 'Apex', 'point'),
    label('l4', 'Finding', 'classification'),
    label('l5', 'Centreline', 'polyline'),
  ],
  settings: {
    reading: 'blind',
    readersPerItem: 3,
    assignment: 'least-loaded',
    deidentification: { options: [], burnedInRules: [] },
    quality: {
      defaults: { dice: 0.8, f1: 0.8, distanceMm: 5, labelAgreement: 0.6 },
      thresholds: { l1: 0.9 },
      maskConsensus: 'majority-vote',
    },
  },
};

describe('ReadingSettingsForm', () => {
  const html = renderToStaticMarkup(createElement(ReadingSettingsForm, { project, onSaved: () => {} }));

  it('shows a row per label with the metric its type is judged by', () => {
    const text = cells(html);
    const row = (name: string) => text.slice(text.indexOf(name), text.indexOf(name) + 4);
    expect(row('Tumour')).toEqual(['Tumour', 'mask', 'Dice', 'default ≥ 0.80']);
    expect(row('Lesion box')).toEqual(['Lesion box', 'box', 'Box F1', 'default ≥ 0.80']);
    expect(row('Apex')).toEqual([
      'Apex',
      'point',
      'Landmark distance (mm, lower is better)',
      'default ≤ 5 mm',
    ]);
    expect(row('Finding')).toEqual(['Finding', 'classification', 'Label agreement', 'default ≥ 0.60']);
    expect(row('Centreline')).toEqual(['Centreline', 'polyline', 'not measured', '']);
  });

  it('fills the form from the stored settings', () => {
    expect(html).toMatch(/<input[^>]*aria-label="Tumour threshold \(Dice\)"[^>]*value="0.9"/);
    const checked = [...html.matchAll(/<input[^>]*type="radio"[^>]*>/g)]
      .filter((m) => m[0].includes('checked=""'))
      .map((m) => /value="([^"]*)"/.exec(m[0])?.[1]);
    expect(checked).toEqual(['blind', 'least-loaded', 'majority-vote']);
    expect(html).toMatch(/<input[^>]*type="number"[^>]*value="3"/);
  });

  it('gives every control a name, and groups each set of choices under a legend', () => {
    expect(unlabelledControls(html)).toEqual([]);
    expect([...html.matchAll(/<legend>(.*?)<\/legend>/g)].map((m) => m[1])).toEqual([
      'Reading',
      'Assigning readers',
      'Mask consensus',
      'Default thresholds',
      'Per-label thresholds',
    ]);
  });
});

describe('PickAndSend', () => {
  const studies: Study[] = [
    {
      id: 'st1',
      studyInstanceUid: '1.2',
      subject: 'SUBJ-01',
      studyDate: null,
      description: null,
      series: [
        { id: 'se1', seriesInstanceUid: '1.2.1', modality: 'CT', description: 'Axial', imageCount: 3 },
        { id: 'se2', seriesInstanceUid: '1.2.2', modality: 'CT', description: 'Coronal', imageCount: 3 },
      ],
    },
  ];
  const html = renderToStaticMarkup(
    createElement(PickAndSend, {
      projectId: 'p1',
      studies,
      sources: { images: [], sent: new Set(['series:se1']) },
      onSent: () => {},
      onStale: () => {},
    }),
  );

  it('lists only what is not an item yet, and says how many were left out', () => {
    expect(html).toContain('SUBJ-01 · Coronal');
    expect(html).not.toContain('SUBJ-01 · Axial');
    expect(html).toContain('1 image or series was sent to readers before and is not listed.');
    expect(unlabelledControls(html)).toEqual([]);
  });
});
