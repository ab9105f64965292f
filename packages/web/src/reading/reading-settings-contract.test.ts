import { describe, expect, it } from 'vitest';
// The server's own settings schemas are the reference: what the form sends must be what the server takes,
// and what the form refuses must be what the server would refuse.
import {
  mergeProjectSettings,
  projectSettingsInput,
  projectSettingsSchema,
} from '../../../server/src/projects/project-settings.js';
import type { ProjectSettings } from '../api/api-types.js';
import { ASSIGNMENT_STRATEGIES, choiceOf, MASK_CONSENSUS_METHODS, READING_MODES } from './reading-choices.js';
import {
  defaultField,
  overrideField,
  READERS_FIELD,
  readingChanges,
  readingDraftOf,
  validateReading,
} from './reading-settings-form.js';

const stored = projectSettingsSchema.parse({ readersPerItem: 2 }) as ProjectSettings;
const labels = [
  { id: 'l-mask', name: 'Tumour', type: 'mask' },
  { id: 'l-point', name: 'Apex', type: 'point' },
];

describe('the Reading form against the server’s settings schema', () => {
  it('sends a body the server takes, which makes the settings the form showed', () => {
    const draft = {
      ...readingDraftOf(stored),
      readersPerItem: '3',
      reading: 'open' as const,
      assignment: 'least-loaded' as const,
      maskConsensus: 'majority-vote' as const,
      defaults: { dice: '0.7', f1: '0.75', distanceMm: '3.5', labelAgreement: '0.66' },
      overrides: { 'l-mask': '0.9', 'l-point': '2' },
    };
    expect(validateReading(draft, labels).fields).toEqual({});
    const patch = readingChanges(draft, stored)!;
    const parsed = projectSettingsInput.safeParse(patch);
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    const merged = mergeProjectSettings(stored as never, parsed.data!) as ProjectSettings;
    expect(readingDraftOf(merged)).toEqual(draft);
    expect(merged.deidentification).toEqual(stored.deidentification);
  });

  it('leaves the settings as they were when a change names one field', () => {
    const patch = readingChanges({ ...readingDraftOf(stored), readersPerItem: '5' }, stored)!;
    const merged = mergeProjectSettings(stored as never, projectSettingsInput.parse(patch));
    expect(merged).toEqual({ ...stored, readersPerItem: 5 });
  });

  // Each value at or just past a limit: the form and the server must give the same verdict.
  it.each([
    ['readersPerItem', '1', READERS_FIELD],
    ['readersPerItem', '20', READERS_FIELD],
    ['readersPerItem', '21', READERS_FIELD],
    ['readersPerItem', '0', READERS_FIELD],
    ['dice', '1', defaultField('dice')],
    ['dice', '1.01', defaultField('dice')],
    ['f1', '0', defaultField('f1')],
    ['labelAgreement', '1.5', defaultField('labelAgreement')],
    ['distanceMm', '1000', defaultField('distanceMm')],
    ['distanceMm', '1000.5', defaultField('distanceMm')],
    ['l-point', '1000', overrideField('l-point')],
    ['l-point', '1001', overrideField('l-point')],
  ])('agrees with the server on %s = %s', (field, text, key) => {
    const base = readingDraftOf(stored);
    const draft =
      field === 'readersPerItem'
        ? { ...base, readersPerItem: text }
        : field.startsWith('l-')
          ? { ...base, overrides: { [field]: text } }
          : { ...base, defaults: { ...base.defaults, [field]: text } };
    const formAccepts = !(key in validateReading(draft, labels).fields);
    const value = Number(text);
    const body =
      field === 'readersPerItem'
        ? { readersPerItem: value }
        : field.startsWith('l-')
          ? { quality: { thresholds: { [field]: value } } }
          : { quality: { defaults: { [field]: value } } };
    expect(formAccepts).toBe(projectSettingsInput.safeParse(body).success);
  });
});

describe('the choices the forms offer', () => {
  const input = projectSettingsInput.shape;
  it.each([
    ['reading', READING_MODES, input.reading.unwrap().options],
    ['assignment', ASSIGNMENT_STRATEGIES, input.assignment.unwrap().options],
    ['maskConsensus', MASK_CONSENSUS_METHODS, input.quality.unwrap().shape.maskConsensus.unwrap().options],
  ] as const)('are exactly the server’s options for %s', (_setting, choices, serverOptions) => {
    expect(choices.map((c) => c.value).sort()).toEqual([...serverOptions].sort());
  });

  it('reads a form value back as a choice, or as nothing', () => {
    expect(choiceOf(ASSIGNMENT_STRATEGIES, 'least-loaded')).toBe('least-loaded');
    expect(choiceOf(ASSIGNMENT_STRATEGIES, 'random')).toBeUndefined();
  });
});
