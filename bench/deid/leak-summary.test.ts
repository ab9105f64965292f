import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deidentifyPart10Sync, leakList } from '@voxelhub/core';
import { describe, expect, it } from 'vitest';
import type { CoreDeid } from './core-deid.js';
import { formatLeakSummary, summariseLeaks } from './leak-summary.js';

const CT = fileURLToPath(new URL('../../../shared/testdata/pydicom/CT_small.dcm', import.meta.url));
const core = { leakList } as unknown as CoreDeid;

describe('summariseLeaks', () => {
  it('adds up the leak lists per attribute, and names the inputs without a copy', async () => {
    const root = mkdtempSync(join(tmpdir(), 'voxelhub-leaks-'));
    const [input, output] = [join(root, 'in'), join(root, 'out')];
    mkdirSync(input);
    mkdirSync(output);
    for (const name of ['a.dcm', 'b.dcm', 'c.dcm']) copyFileSync(CT, join(input, name));
    writeFileSync(join(output, 'a.dcm'), deidentifyPart10Sync(readFileSync(CT), { key: new Uint8Array(8) }));
    copyFileSync(CT, join(output, 'b.dcm')); // not de-identified: everything leaks, once
    const summary = await summariseLeaks(core, input, output);
    expect(summary.compared).toBe(2);
    expect(summary.missing).toEqual(['c.dcm']);
    const expected = leakList(readFileSync(CT), readFileSync(CT));
    expect(summary.rows.length).toBe(new Set(expected.map((l) => l.path.replace(/\[\d+\]/g, '[*]'))).size);
    expect(summary.rows.find((r) => r.path === '00100010')).toMatchObject({
      files: 1,
      name: "Patient's Name",
    });
    expect(formatLeakSummary('tool', summary)[0]).toMatch(/^tool: leak list over 2 copies: \d+ attribute/);
    expect(formatLeakSummary('tool', { compared: 1, missing: [], rows: [] })).toEqual([
      'tool: leak list over 1 copies: empty',
    ]);
  });
});
