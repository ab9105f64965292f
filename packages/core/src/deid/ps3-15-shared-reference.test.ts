import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHARED } from '../test-support/shared-data.js';
import { TABLE_E1_1 } from './ps3-15-table-e1-1.js';

/**
 * Core's Table E.1-1 (generated from one innolitics/dicom-standard commit) against the independent
 * extraction kept in ../shared/reference (labelled rev. 2024e): the same attributes, the same Basic
 * Profile action and the same option actions, row by row.
 */
const REFERENCE = join(SHARED, 'reference/dicom/ps315_table_e1_1.json');

interface ReferenceRow {
  readonly name: string;
  readonly tag: string;
  readonly basicProfile: string;
  readonly [column: string]: string;
}

// The reference's option columns and core's option names, as scripts/generate-deid-table.mjs maps them.
const OPTION_COLUMNS: Record<string, string> = {
  rtnSafePrivOpt: 'retainSafePrivate',
  rtnUIDsOpt: 'retainUIDs',
  rtnDevIdOpt: 'retainDeviceIdentity',
  rtnInstIdOpt: 'retainInstitutionIdentity',
  rtnPatCharsOpt: 'retainPatientCharacteristics',
  rtnLongFullDatesOpt: 'retainLongitudinalFullDates',
  rtnLongModifDatesOpt: 'retainLongitudinalModifiedDates',
  cleanDescOpt: 'cleanDescriptors',
  cleanStructContOpt: 'cleanStructuredContent',
  cleanGraphOpt: 'cleanGraphics',
};
const KNOWN_COLUMNS = new Set(['name', 'tag', 'stdCompIOD', 'basicProfile', ...Object.keys(OPTION_COLUMNS)]);

/** '(0010,0010)' -> '00100010'; '(50XX,XXXX)' -> '50xxxxxx'; the private-attributes row -> 'ggggeeee'. */
function tagPattern(tag: string): string {
  if (/^\(GGGG,EEEE\) WHERE GGGG IS ODD$/i.test(tag)) return 'ggggeeee';
  const m = /^\(([0-9A-FX]{4}),([0-9A-FX]{4})\)$/i.exec(tag);
  if (!m) throw new Error(`${REFERENCE}: unexpected tag ${tag}`);
  return `${m[1]}${m[2]}`.toUpperCase().replaceAll('X', 'x');
}

/** A row in a form both sources share, so a difference shows as one readable line. */
function describeRow(tag: string, basic: string, options: Record<string, string>): string {
  const opts = Object.entries(options)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([o, a]) => `${o}=${a}`);
  return [tag, basic, ...opts].join(' ');
}

function readReference(): ReferenceRow[] {
  const json = JSON.parse(readFileSync(REFERENCE, 'utf8')) as { attributes?: ReferenceRow[] };
  if (!Array.isArray(json.attributes)) throw new Error(`${REFERENCE}: no "attributes" array`);
  return json.attributes;
}

describe.skipIf(!existsSync(REFERENCE))('Table E.1-1 against the shared reference extraction', () => {
  if (!existsSync(REFERENCE)) console.warn(`skipped: ${REFERENCE} is absent`);
  const reference = existsSync(REFERENCE) ? readReference() : [];

  it('uses only columns the generator knows', () => {
    const unknown = reference.flatMap((r) => Object.keys(r).filter((k) => !KNOWN_COLUMNS.has(k)));
    expect(unknown).toEqual([]);
  });

  it('lists exactly the same attributes', () => {
    const ours = TABLE_E1_1.map((r) => r.tag).sort();
    const theirs = reference.map((r) => tagPattern(r.tag)).sort();
    expect({
      onlyInCore: ours.filter((t) => !theirs.includes(t)),
      onlyInReference: theirs.filter((t) => !ours.includes(t)),
    }).toEqual({ onlyInCore: [], onlyInReference: [] });
    expect(new Set(theirs).size).toBe(theirs.length);
  });

  it('has the same names, Basic Profile actions and option actions', () => {
    const ours = new Map(
      TABLE_E1_1.map((r) => [r.tag, { name: r.name, row: describeRow(r.tag, r.basic, { ...r.options }) }]),
    );
    const differences: string[] = [];
    for (const r of reference) {
      const tag = tagPattern(r.tag);
      const options: Record<string, string> = {};
      for (const [column, option] of Object.entries(OPTION_COLUMNS))
        if (r[column]) options[option] = r[column];
      const theirs = describeRow(tag, r.basicProfile, options);
      const mine = ours.get(tag);
      if (!mine) continue; // reported by the previous test
      if (mine.row !== theirs) differences.push(`core: ${mine.row} | reference: ${theirs}`);
      if (mine.name !== r.name) differences.push(`${tag} name: core "${mine.name}" | reference "${r.name}"`);
    }
    expect(differences).toEqual([]);
  });
});
