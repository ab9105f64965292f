import { describe, expect, it } from 'vitest';
import type { Series, Study } from '../api/api-types.js';
import { adjacentSeries, seriesInProjectOrder } from './series-navigation.js';

function series(uid: string): Series {
  return { id: `id-${uid}`, seriesInstanceUid: uid, modality: 'CT', description: uid, imageCount: 1 };
}

function study(uid: string, ...seriesUids: string[]): Study {
  return {
    id: `id-${uid}`,
    studyInstanceUid: uid,
    subject: 'S1',
    studyDate: null,
    description: null,
    series: seriesUids.map(series),
  };
}

const STUDIES = [study('st1', 'a', 'b'), study('st2'), study('st3', 'c'), study('st4', 'd', 'e')];
const at = (studyUid: string, seriesUid: string) => ({ studyUid, seriesUid });
const uidOf = (found: ReturnType<typeof adjacentSeries>) =>
  found && `${found.study.studyInstanceUid}/${found.series.seriesInstanceUid}`;

describe('adjacentSeries', () => {
  it.each([
    ['next within a study', at('st1', 'a'), 1, 'st1/b'],
    [
      "past a study's last series, to the next study's first (skipping a study with none)",
      at('st1', 'b'),
      1,
      'st3/c',
    ],
    ["back from a study's first series, to the previous study's last", at('st4', 'd'), -1, 'st3/c'],
    ['several steps at once', at('st1', 'a'), 3, 'st4/d'],
  ] as const)('%s', (_, current, delta, expected) => {
    expect(uidOf(adjacentSeries(STUDIES, current, delta))).toBe(expected);
  });

  it('stops at the ends of the project instead of wrapping round', () => {
    expect(adjacentSeries(STUDIES, at('st4', 'e'), 1)).toBeUndefined();
    expect(adjacentSeries(STUDIES, at('st1', 'a'), -1)).toBeUndefined();
  });

  it('finds nothing from a series the project does not list (or one listed under another study)', () => {
    expect(adjacentSeries(STUDIES, at('st1', 'zz'), 1)).toBeUndefined();
    expect(adjacentSeries(STUDIES, at('st3', 'a'), 1)).toBeUndefined();
  });

  it('lists the series in project-page order', () => {
    expect(seriesInProjectOrder(STUDIES).map(uidOf)).toEqual(['st1/a', 'st1/b', 'st3/c', 'st4/d', 'st4/e']);
  });
});
