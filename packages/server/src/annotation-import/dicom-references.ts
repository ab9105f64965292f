import { parseDicom, text } from '@voxelhub/core';
import type { CaseMatcher } from './case-matcher.js';
import type { ImportCase } from './project-cases.js';

type DataSet = ReturnType<typeof parseDicom>['dataSet'];

function itemsOf(ds: DataSet, tag: string): DataSet[] {
  return (ds.elements[tag]?.items ?? []).flatMap((item) => (item.dataSet ? [item.dataSet] : []));
}

/** The series and instances a SEG or SR names: Referenced Series Sequence and its instances. */
export function referencedUids(bytes: Uint8Array, file: string): { series: string[]; instances: string[] } {
  const ds = parseDicom(bytes, { file, untilPixelData: true }).dataSet;
  const seriesItems = [
    ...itemsOf(ds, 'x00081115'),
    // An SR lists its evidence per study: Current Requested Procedure Evidence Sequence > Referenced Series.
    ...itemsOf(ds, 'x0040a375').flatMap((study) => itemsOf(study, 'x00081115')),
  ];
  return {
    series: seriesItems.flatMap((s) => text(s, 'x0020000e') ?? []),
    instances: seriesItems.flatMap((s) => itemsOf(s, 'x0008114a').flatMap((i) => text(i, 'x00081155') ?? [])),
  };
}

/**
 * The case a DICOM SEG is on, by rule (b): the series it references, else the case of a referenced
 * instance; by rule (c) its file stem. Undefined when nothing matches.
 */
export function caseOfDicomObject(
  matcher: CaseMatcher,
  refs: { series: string[]; instances: string[] },
  file: string,
): ImportCase | undefined {
  for (const uid of refs.series) {
    const found = matcher.bySeriesInstanceUid(uid);
    if (found) return found;
  }
  for (const uid of refs.instances) {
    const found = matcher.bySopInstanceUid(uid);
    if (found) return found.case;
  }
  return matcher.byName(file.slice(file.lastIndexOf('/') + 1).replace(/\.dcm$/i, ''));
}
