import { describe, expect, it } from 'vitest';
import { effectiveAction, tableRowFor } from './attribute-rules.js';
import { CONFIDENTIALITY_OPTIONS } from './confidentiality-option.js';
import { TABLE_E1_1, TABLE_E1_1_EDITION } from './ps3-15-table-e1-1.js';

describe('PS3.15 Table E.1-1 as data', () => {
  it('has every row of the 2024b table, each tag once', () => {
    expect(TABLE_E1_1_EDITION).toBe('2024b');
    expect(TABLE_E1_1.length).toBe(621);
    expect(new Set(TABLE_E1_1.map((r) => r.tag)).size).toBe(TABLE_E1_1.length);
    for (const row of TABLE_E1_1) {
      expect(row.tag).toMatch(/^([0-9A-Fx]{8}|ggggeeee)$/);
      expect(row.basic).toMatch(/^(D|Z|X|K|C|U|X\/Z|X\/D|Z\/D|X\/Z\/D|X\/Z\/U\*)$/);
      for (const [option, action] of Object.entries(row.options ?? {})) {
        expect(CONFIDENTIALITY_OPTIONS).toContain(option);
        expect(['K', 'C']).toContain(action);
      }
    }
  });

  it.each([
    ['00100010', "Patient's Name", 'Z'],
    ['00100020', 'Patient ID', 'Z/D'],
    ['0020000D', 'Study Instance UID', 'U'],
    ['00080080', 'Institution Name', 'X/Z/D'],
    ['00081140', 'Referenced Image Sequence', 'X/Z/U*'],
    ['00100030', "Patient's Birth Date", 'Z'],
  ])('knows %s %s: %s', (tag, name, action) => {
    expect(tableRowFor(tag)).toMatchObject({ name, basic: action });
  });

  it('matches the repeating-group and private rows', () => {
    expect(tableRowFor('60023000')?.name).toBe('Overlay Data');
    expect(tableRowFor('50100020')?.name).toBe('Curve Data');
    expect(tableRowFor('00091001')?.name).toBe('Private Attributes');
    expect(tableRowFor('00280010')).toBeUndefined();
  });

  it('lets enabled options change the action, retaining over cleaning', () => {
    const institution = tableRowFor('00080080')!;
    expect(effectiveAction(institution, new Set())).toBe('X/Z/D');
    expect(effectiveAction(institution, new Set(['retainInstitutionIdentity']))).toBe('K');
    const date = tableRowFor('00080020')!;
    expect(effectiveAction(date, new Set(['retainLongitudinalModifiedDates']))).toBe('C');
    expect(effectiveAction(date, new Set(['retainLongitudinalFullDates']))).toBe('K');
    expect(effectiveAction(tableRowFor('00080018')!, new Set(['retainUIDs']))).toBe('K');
  });
});
