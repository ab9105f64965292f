import { describe, expect, it } from 'vitest';
import { burnedInRuleSchema, burnedInRulesSchema, DEFAULT_BURNED_IN_RULES } from './burned-in-rule.js';

describe('burnedInRulesSchema', () => {
  it('accepts a rule with criteria and rectangles', () => {
    const rules = burnedInRulesSchema.parse([
      {
        name: 'GE LOGIQ header band',
        modality: 'US',
        manufacturer: 'G.E.',
        model: 'LOGIQ',
        rows: 240,
        columns: 320,
        blank: [{ x: 0, y: 0, width: 320, height: 24 }],
      },
    ]);
    expect(rules[0]?.blank).toEqual([{ x: 0, y: 0, width: 320, height: 24 }]);
  });

  it('refuses a rule without any criterion, which would flag every image', () => {
    const result = burnedInRuleSchema.safeParse({ name: 'everything', blank: [] });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/at least one of modality/);
  });

  it.each([
    [{ name: 'x', modality: 'US', blank: [{ x: -1, y: 0, width: 10, height: 10 }] }, 'blank.0.x'],
    [{ name: 'x', modality: 'US', blank: [{ x: 0, y: 0, width: 0, height: 10 }] }, 'blank.0.width'],
    [{ name: 'x', modality: 'US', blank: [{ x: 0, y: 0, width: 1.5, height: 10 }] }, 'blank.0.width'],
    [{ name: '', modality: 'US' }, 'name'],
    [{ name: 'x', modality: 'US', colour: 'red' }, ''],
    [{ name: 'x', rows: '240' }, 'rows'],
  ])('refuses %j (at %s)', (rule, path) => {
    const result = burnedInRuleSchema.safeParse(rule);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toContain(path);
  });
});

describe('DEFAULT_BURNED_IN_RULES', () => {
  it('are valid rules that only flag', () => {
    expect(burnedInRulesSchema.parse(DEFAULT_BURNED_IN_RULES)).toHaveLength(DEFAULT_BURNED_IN_RULES.length);
    for (const rule of DEFAULT_BURNED_IN_RULES) expect(rule.blank).toBeUndefined();
  });

  it('cover ultrasound and secondary capture', () => {
    expect(DEFAULT_BURNED_IN_RULES.map((r) => r.modality)).toContain('US');
    expect(DEFAULT_BURNED_IN_RULES.map((r) => r.sopClassUid)).toContain('1.2.840.10008.5.1.4.1.1.7');
  });
});
