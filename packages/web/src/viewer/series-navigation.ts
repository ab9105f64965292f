import type { Series, Study } from '../api/api-types.js';

/** A series as the viewer's address names it. */
export interface SeriesLocation {
  readonly studyUid: string;
  readonly seriesUid: string;
}

/** A series with the study it belongs to, as the studies API lists them. */
export interface SeriesInStudy {
  readonly study: Study;
  readonly series: Series;
}

/** Every series of the project in the project page's order: studies as listed, each study's series in turn. */
export function seriesInProjectOrder(studies: readonly Study[]): SeriesInStudy[] {
  return studies.flatMap((study) => study.series.map((series) => ({ study, series })));
}

/**
 * The series `delta` steps from the current one in project-page order, so stepping past a study's last
 * series goes on to the next study's first. Undefined past either end of the project (stepping does not
 * wrap round to the start, which would hide that the last series was reached) and when the current series
 * is not listed.
 */
export function adjacentSeries(
  studies: readonly Study[],
  current: SeriesLocation,
  delta: number,
): SeriesInStudy | undefined {
  const all = seriesInProjectOrder(studies);
  const index = all.findIndex(
    ({ study, series }) =>
      study.studyInstanceUid === current.studyUid && series.seriesInstanceUid === current.seriesUid,
  );
  if (index === -1) return undefined;
  return all[index + delta];
}
