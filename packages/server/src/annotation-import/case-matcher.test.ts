import { IDENTITY3 } from '@voxelhub/core';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors/api-error.js';
import { caseMatcher, readManifestCaseNames } from './case-matcher.js';
import type { ImportCase } from './project-cases.js';

const grid = { dims: [4, 4, 2], spacing: [1, 1, 1], origin: [0, 0, 0], direction: IDENTITY3 } as const;
const series: ImportCase = {
  id: 'series-1',
  kind: 'series',
  geometry: grid,
  cine: false,
  instances: [
    { imageId: 'img-a', sopInstanceUid: '1.2.3.1', geometry: undefined },
    { imageId: 'img-b', sopInstanceUid: '1.2.3.2', geometry: undefined },
  ],
  seriesInstanceUid: '1.2.3',
};
const png: ImportCase = {
  id: 'img-png',
  kind: 'image',
  geometry: grid,
  cine: false,
  instances: [{ imageId: 'img-png', sopInstanceUid: null, geometry: undefined }],
  seriesInstanceUid: null,
};
const cases = new Map([series, png].map((c) => [c.id, c]));
const json = (path: string, value: unknown) => ({
  path,
  bytes: new TextEncoder().encode(JSON.stringify(value)),
});

describe('caseMatcher', () => {
  it('matches by manifest name first, then by id, and names cases as the manifest does', () => {
    const matcher = caseMatcher(
      cases,
      new Map([
        ['case_0001', 'series-1'],
        ['case_0002', 'elsewhere'],
      ]),
    );
    expect(matcher.byName('case_0001')).toBe(series);
    expect(matcher.byName('img-png')).toBe(png);
    expect(matcher.byName('case_0002')).toBeUndefined();
    expect(matcher.byName('nobody')).toBeUndefined();
    expect(matcher.nameOf(series)).toBe('case_0001');
    expect(matcher.nameOf(png)).toBe('img-png');
  });

  it('finds instances and series by their DICOM UIDs, with the slice', () => {
    const matcher = caseMatcher(cases, new Map());
    expect(matcher.bySopInstanceUid('1.2.3.2')).toEqual({ case: series, index: 1 });
    expect(matcher.bySeriesInstanceUid('1.2.3')).toBe(series);
    expect(matcher.bySopInstanceUid('9.9')).toBeUndefined();
  });
});

describe('readManifestCaseNames', () => {
  it("reads the shallowest manifest.json's case names, and refuses one that is not a manifest", () => {
    const manifest = { schema: 1, cases: [{ id: 'series-1', caseName: 'case_0001', kind: 'series' }] };
    const names = readManifestCaseNames([
      json('export/manifest.json', manifest),
      json('export/x/manifest.json', {}),
    ]);
    expect([...names]).toEqual([['case_0001', 'series-1']]);
    expect(readManifestCaseNames([json('annotations.json', {})]).size).toBe(0);
    expect(() => readManifestCaseNames([json('manifest.json', { cases: 'no' })])).toThrow(ApiError);
  });
});
