import { describe, expect, it } from 'vitest';
import { ApiRequestError } from '../api/api-error.js';
import type { ProjectSettings } from '../api/api-types.js';
import { fieldErrorsOf } from '../projects/field-errors.js';
import { METRIC_RULES } from './label-metric.js';
import {
  defaultField,
  draftDiffers,
  overrideField,
  parseThreshold,
  READERS_FIELD,
  readingChanges,
  readingDraftOf,
  validateReading,
} from './reading-settings-form.js';

// The server's defaults (project-settings.ts), with one label threshold set.
const settings: ProjectSettings = {
  reading: 'blind',
  readersPerItem: 3,
  assignment: 'round-robin',
  deidentification: { options: [], burnedInRules: [] },
  quality: {
    defaults: { dice: 0.8, f1: 0.8, distanceMm: 5, labelAgreement: 0.6 },
    thresholds: { liver: 0.9 },
    maskConsensus: 'staple',
  },
};

const labels = [
  { id: 'liver', name: 'Liver', type: 'mask' },
  { id: 'apex', name: 'Apex', type: 'point' },
  { id: 'note', name: 'Note', type: 'polyline' },
];

describe('readingDraftOf', () => {
  it('shows the stored settings as text', () => {
    expect(readingDraftOf(settings)).toEqual({
      readersPerItem: '3',
      reading: 'blind',
      assignment: 'round-robin',
      maskConsensus: 'staple',
      defaults: { dice: '0.8', f1: '0.8', distanceMm: '5', labelAgreement: '0.6' },
      overrides: { liver: '0.9' },
    });
  });
});

describe('parseThreshold', () => {
  it('takes fractions from 0 to 1 and distances from 0 to 1000 mm', () => {
    expect(parseThreshold('0.75', METRIC_RULES.dice)).toBe(0.75);
    expect(parseThreshold('.5', METRIC_RULES.f1)).toBe(0.5);
    expect(parseThreshold(' 1 ', METRIC_RULES.labelAgreement)).toBe(1);
    expect(parseThreshold('0', METRIC_RULES.dice)).toBe(0);
    expect(parseThreshold('12.5', METRIC_RULES.distanceMm)).toBe(12.5);
    expect(parseThreshold('1000', METRIC_RULES.distanceMm)).toBe(1000);
  });

  it('says what range it wants otherwise', () => {
    expect(parseThreshold('1.2', METRIC_RULES.dice)).toEqual({ error: 'a number from 0 to 1' });
    expect(parseThreshold('-0.1', METRIC_RULES.dice)).toEqual({ error: 'a number from 0 to 1' });
    expect(parseThreshold('', METRIC_RULES.f1)).toEqual({ error: 'a number from 0 to 1' });
    expect(parseThreshold('abc', METRIC_RULES.f1)).toEqual({ error: 'a number from 0 to 1' });
    expect(parseThreshold('1e3', METRIC_RULES.distanceMm)).toEqual({ error: 'a distance from 0 to 1000 mm' });
    expect(parseThreshold('1001', METRIC_RULES.distanceMm)).toEqual({
      error: 'a distance from 0 to 1000 mm',
    });
  });
});

describe('validateReading', () => {
  const draft = readingDraftOf(settings);

  it('accepts the stored settings', () => {
    expect(validateReading(draft, labels)).toEqual({ fields: {}, form: null });
  });

  it('puts each problem on its field, keyed as the server names it', () => {
    const errors = validateReading(
      {
        ...draft,
        readersPerItem: '21',
        defaults: { ...draft.defaults, distanceMm: '' },
        overrides: { liver: '1.5', apex: '40', note: 'ignored: polylines have no threshold' },
      },
      labels,
    );
    expect(errors.fields).toEqual({
      [READERS_FIELD]: 'a whole number from 1 to 20',
      'settings.quality.defaults.distanceMm': 'a distance from 0 to 1000 mm',
      [overrideField('liver')]: 'a number from 0 to 1',
    });
  });

  it('takes an empty override as "use the default"', () => {
    expect(validateReading({ ...draft, overrides: { liver: ' ' } }, labels).fields).toEqual({});
  });

  it('wants a whole number of readers from 1 to 20', () => {
    const bad = (readersPerItem: string) =>
      READERS_FIELD in validateReading({ ...draft, readersPerItem }, labels).fields;
    expect(['1', '20', ' 4 '].map(bad)).toEqual([false, false, false]);
    expect(['0', '21', '2.5', '', 'three'].map(bad)).toEqual([true, true, true, true, true]);
  });
});

describe('readingChanges', () => {
  const draft = readingDraftOf(settings);

  it('is null when nothing changed, however the numbers are written', () => {
    expect(readingChanges(draft, settings)).toBeNull();
    expect(
      readingChanges(
        { ...draft, defaults: { ...draft.defaults, dice: '0.80', distanceMm: '5.0' } },
        settings,
      ),
    ).toBeNull();
  });

  it('names only what changed', () => {
    expect(readingChanges({ ...draft, assignment: 'least-loaded', readersPerItem: '2' }, settings)).toEqual({
      readersPerItem: 2,
      assignment: 'least-loaded',
    });
    expect(
      readingChanges(
        { ...draft, maskConsensus: 'majority-vote', defaults: { ...draft.defaults, f1: '0.7' } },
        settings,
      ),
    ).toEqual({ quality: { defaults: { f1: 0.7 }, maskConsensus: 'majority-vote' } });
  });

  it('sends the whole threshold map when one changes, without the cleared ones', () => {
    expect(readingChanges({ ...draft, overrides: { liver: '', apex: '2.5' } }, settings)).toEqual({
      quality: { thresholds: { apex: 2.5 } },
    });
    expect(readingChanges({ ...draft, overrides: {} }, settings)).toEqual({ quality: { thresholds: {} } });
  });
});

describe('draftDiffers', () => {
  it('tells an edited form from the stored settings', () => {
    const draft = readingDraftOf(settings);
    expect(draftDiffers(draft, settings)).toBe(false);
    expect(draftDiffers({ ...draft, overrides: { ...draft.overrides, apex: '' } }, settings)).toBe(false);
    expect(draftDiffers({ ...draft, reading: 'open' }, settings)).toBe(true);
    expect(draftDiffers({ ...draft, overrides: { liver: '0.95' } }, settings)).toBe(true);
    expect(draftDiffers({ ...draft, defaults: { ...draft.defaults, dice: '0.' } }, settings)).toBe(true);
  });
});

describe('the server’s refusals', () => {
  // The details of three answers of PATCH /api/projects/:id, as a running server gave them (2026-11-28).
  it.each([
    ['body.settings.readersPerItem', 'Too big: expected number to be <=20', READERS_FIELD],
    ['body.settings.quality.defaults.dice', 'Too big: expected number to be <=1', defaultField('dice')],
    ['body.settings.quality.thresholds.abc', 'Too small: expected number to be >=0', overrideField('abc')],
  ])('land %s on the field the form shows it at', (path, message, field) => {
    const error = new ApiRequestError(400, 'VALIDATION_FAILED', `body: ✖ ${message}`, [{ path, message }]);
    expect(fieldErrorsOf(error)).toEqual({ fields: { [field]: message }, form: null });
  });
});
