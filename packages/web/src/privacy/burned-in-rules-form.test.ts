import { DEFAULT_BURNED_IN_RULES } from '@voxelhub/core';
import { describe, expect, it } from 'vitest';
import {
  EMPTY_RULE,
  parseRectangles,
  parseRuleDrafts,
  placeRuleErrors,
  ruleErrorKey,
  toRuleDraft,
} from './burned-in-rules-form.js';

describe('parseRectangles', () => {
  it('reads x,y,width,height lists separated by semicolons, spaces allowed', () => {
    expect(parseRectangles(' 0,0,128,20 ; 10, 100, 30, 8;')).toEqual({
      value: [
        { x: 0, y: 0, width: 128, height: 20 },
        { x: 10, y: 100, width: 30, height: 8 },
      ],
    });
    expect(parseRectangles('')).toEqual({ value: [] });
  });

  it('says which rectangle is wrong and why', () => {
    expect(parseRectangles('0,0,10')).toEqual({
      error: "'0,0,10': write x,y,width,height as four whole numbers",
    });
    expect(parseRectangles('0,0,10,10; 5,-1,2,2')).toEqual({
      error: "rectangle 2 ('5,-1,2,2'): write x,y,width,height as four whole numbers",
    });
    expect(parseRectangles('0,0,0,10')).toEqual({ error: "'0,0,0,10': width and height start at 1" });
  });
});

describe('parseRuleDrafts', () => {
  it('round-trips the default rules through the form', () => {
    const { rules, errors } = parseRuleDrafts(DEFAULT_BURNED_IN_RULES.map(toRuleDraft));
    expect(errors.fields).toEqual({});
    expect(rules).toEqual(DEFAULT_BURNED_IN_RULES);
  });

  it('makes a rule with numbers and rectangles, leaving out blank fields', () => {
    const draft = { ...EMPTY_RULE, name: ' CT dose page ', modality: 'CT', rows: '128', blank: '0,0,128,16' };
    expect(parseRuleDrafts([draft]).rules).toEqual([
      { name: 'CT dose page', modality: 'CT', rows: 128, blank: [{ x: 0, y: 0, width: 128, height: 16 }] },
    ]);
  });

  it('puts each problem beside its field', () => {
    const { errors } = parseRuleDrafts([
      { ...EMPTY_RULE, name: 'ok', model: 'X' },
      { ...EMPTY_RULE, columns: '12.5', blank: '1,2' },
      { ...EMPTY_RULE, name: 'matches everything' },
    ]);
    expect(Object.keys(errors.fields).sort()).toEqual([
      ruleErrorKey(1, 'blank'),
      ruleErrorKey(1, 'columns'),
      ruleErrorKey(1, 'name'),
      ruleErrorKey(2),
    ]);
    expect(errors.fields[ruleErrorKey(2)]).toMatch(/at least one of modality/);
  });
});

describe('placeRuleErrors', () => {
  it("moves the API's rule messages beside the fields and keeps the rest for the form", () => {
    const placed = placeRuleErrors({
      fields: {
        'settings.deidentification.burnedInRules.2.blank.0.width': 'Too small',
        'settings.deidentification.burnedInRules.0': 'a rule needs at least one of …',
        'settings.deidentification.options.1': 'Invalid option',
      },
      form: null,
    });
    expect(placed.fields).toEqual({
      [ruleErrorKey(2, 'blank')]: 'Too small',
      [ruleErrorKey(0)]: 'a rule needs at least one of …',
    });
    expect(placed.form).toBe('settings.deidentification.options.1: Invalid option');
  });
});
