import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { assessBurnedIn, assessBurnedInPart10, clipRectangle, ruleMatches } from './assess-burned-in.js';
import { type BurnedInRule, DEFAULT_BURNED_IN_RULES } from './burned-in-rule.js';

const TESTDATA = fileURLToPath(new URL('../../../../../shared/testdata/', import.meta.url));
const read = (file: string) => new Uint8Array(readFileSync(join(TESTDATA, file)));

const GE_LOGIQ: BurnedInRule = {
  name: 'GE LOGIQ header band',
  modality: 'us',
  manufacturer: 'g.e. medical',
  model: 'logiq',
  rows: 240,
  columns: 320,
  blank: [{ x: 0, y: 0, width: 320, height: 24 }],
};

describe('ruleMatches', () => {
  const facts = {
    modality: 'US',
    manufacturer: 'G.E. Medical Systems',
    model: 'LOGIQ 700',
    rows: 240,
    columns: 320,
  };

  it('matches modality case-insensitively and manufacturer and model as substrings', () => {
    expect(ruleMatches(GE_LOGIQ, facts)).toBe(true);
  });

  it.each([
    ['modality', { modality: 'USX' }],
    ['manufacturer', { manufacturer: 'Philips' }],
    ['model', { model: 'Vivid' }],
    ['rows', { rows: 480 }],
    ['columns', { columns: 640 }],
  ])('needs every criterion: a different %s fails', (_, change) => {
    expect(ruleMatches(GE_LOGIQ, { ...facts, ...change })).toBe(false);
  });

  it('does not match an image that lacks an attribute the rule names', () => {
    const { manufacturer: _, ...withoutManufacturer } = facts;
    expect(ruleMatches(GE_LOGIQ, withoutManufacturer)).toBe(false);
  });

  it('matches a modality exactly, not as a substring', () => {
    expect(ruleMatches({ name: 'OT', modality: 'OT' }, { modality: 'OTHER' })).toBe(false);
  });
});

describe('clipRectangle', () => {
  it.each([
    [
      { x: 0, y: 0, width: 10, height: 10 },
      { x: 0, y: 0, width: 10, height: 10 },
    ],
    [
      { x: 95, y: 45, width: 10, height: 10 },
      { x: 95, y: 45, width: 5, height: 5 },
    ],
    [{ x: 100, y: 0, width: 10, height: 10 }, undefined],
    [{ x: 0, y: 50, width: 10, height: 10 }, undefined],
  ])('clips %j to a 50-row, 100-column image: %j', (rectangle, clipped) => {
    expect(clipRectangle(rectangle, 50, 100)).toEqual(clipped);
  });
});

describe('assessBurnedIn', () => {
  it('flags Burned In Annotation YES whatever the rules', () => {
    const result = assessBurnedIn({ burnedInAnnotation: 'YES', modality: 'CT' }, []);
    expect(result).toEqual({ flagged: true, reasons: ['BurnedInAnnotation is YES'], regions: [] });
  });

  it('does not flag NO or absent with no rule matching', () => {
    expect(
      assessBurnedIn({ burnedInAnnotation: 'NO', modality: 'CT' }, DEFAULT_BURNED_IN_RULES).flagged,
    ).toBe(false);
    expect(assessBurnedIn({ modality: 'MR' }, DEFAULT_BURNED_IN_RULES).flagged).toBe(false);
  });

  it('unites the matching rules’ rectangles, clipped to the image, without duplicates', () => {
    const rules: BurnedInRule[] = [
      { name: 'band', modality: 'US', blank: [{ x: 0, y: 0, width: 1000, height: 30 }] },
      { name: 'same band again', columns: 320, blank: [{ x: 0, y: 0, width: 1000, height: 30 }] },
      {
        name: 'corner',
        modality: 'US',
        blank: [
          { x: 300, y: 220, width: 40, height: 40 },
          { x: 400, y: 0, width: 5, height: 5 },
        ],
      },
      { name: 'other device', modality: 'CT', blank: [{ x: 0, y: 100, width: 10, height: 10 }] },
    ];
    const result = assessBurnedIn({ modality: 'US', rows: 240, columns: 320 }, rules);
    expect(result.reasons).toEqual([
      "rule 'band' matched",
      "rule 'same band again' matched",
      "rule 'corner' matched",
    ]);
    expect(result.regions).toEqual([
      { x: 0, y: 0, width: 320, height: 30 },
      { x: 300, y: 220, width: 20, height: 20 },
    ]);
  });
});

describe('assessBurnedInPart10 on real files, with the default rules', () => {
  it('flags ultrasound', () => {
    const result = assessBurnedInPart10(read('pydicom/examples_rgb_color.dcm'), DEFAULT_BURNED_IN_RULES);
    expect(result.flagged).toBe(true);
    expect(result.reasons).toEqual(["rule 'Ultrasound (screen with header band)' matched"]);
    expect(result.regions).toEqual([]);
    expect(result.facts).toMatchObject({
      modality: 'US',
      manufacturer: 'G.E. Medical Systems',
      model: 'LOGIQ 700',
      rows: 240,
      columns: 320,
    });
  });

  it('flags secondary capture by modality and SOP class', () => {
    const result = assessBurnedInPart10(read('pydicom/SC_rgb_jpeg_dcmtk.dcm'), DEFAULT_BURNED_IN_RULES);
    expect(result.reasons).toEqual([
      "rule 'Other (screen captures, scanned documents)' matched",
      "rule 'Secondary Capture' matched",
    ]);
  });

  it('does not flag CT, MR or DX', () => {
    for (const file of ['pydicom/CT_small.dcm', 'pydicom/MR_small.dcm', 'highdicom/dx_image.dcm'])
      expect(assessBurnedInPart10(read(file), DEFAULT_BURNED_IN_RULES).flagged).toBe(false);
  });

  it('gives a device rule’s rectangles for the matching device only', () => {
    expect(assessBurnedInPart10(read('pydicom/examples_rgb_color.dcm'), [GE_LOGIQ]).regions).toEqual(
      GE_LOGIQ.blank,
    );
    expect(assessBurnedInPart10(read('pydicom/examples_ybr_color.dcm'), [GE_LOGIQ]).flagged).toBe(false);
  });

  it('names the file when it is not DICOM', () => {
    expect(() => assessBurnedInPart10(new TextEncoder().encode('hello'), [], 'notes.txt')).toThrow(
      /^notes\.txt: not DICOM/,
    );
  });
});
