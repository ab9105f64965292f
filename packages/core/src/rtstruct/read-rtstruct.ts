import type { DataSet } from 'dicom-parser';
import { decimals, firstItem, items, text, texts } from '../dicom/attribute-values.js';
import { textReader } from '../dicom/character-set-text.js';
import { type ParseDicomOptions, parseDicom } from '../dicom/parse-dicom.js';
import { ImageReadError } from '../errors/image-read-error.js';
import type { ContourGeometricType, RtContour, RtRoi, RtStructureSet } from './rt-structure-set.js';

/** RT Structure Set Storage (PS3.4 B.5). */
export const RT_STRUCTURE_SET_STORAGE = '1.2.840.10008.5.1.4.1.1.481.3';

const GEOMETRIC_TYPES: readonly ContourGeometricType[] = [
  'POINT',
  'OPEN_PLANAR',
  'OPEN_NONPLANAR',
  'CLOSED_PLANAR',
  'CLOSEDPLANAR_XOR',
];

/** A contour's limit on points: 2^20 is far past any drawn contour, and keeps a hostile file's arrays small. */
const MAX_CONTOUR_POINTS = 2 ** 20;

export interface ReadRtstructOptions {
  /** Names the file in errors. */
  readonly name: string;
  readonly inflateRaw?: ParseDicomOptions['inflateRaw'];
}

function checkIsStructureSet(ds: DataSet): void {
  const sopClass = text(ds, 'x00080016');
  if (sopClass === RT_STRUCTURE_SET_STORAGE) return;
  // A bare dataset without its SOP Class still says RTSTRUCT by its modality and sequences.
  if (sopClass === undefined && text(ds, 'x00080060') === 'RTSTRUCT' && ds.elements.x30060020) return;
  throw new ImageReadError(
    'UNSUPPORTED_IMAGE',
    `not an RT Structure Set: SOP Class UID is ${sopClass ?? 'absent'}, not ${RT_STRUCTURE_SET_STORAGE}`,
  );
}

function readContour(item: DataSet, where: string, warnings: string[]): RtContour | undefined {
  const type = text(item, 'x30060042') as ContourGeometricType | undefined;
  if (!type || !GEOMETRIC_TYPES.includes(type)) {
    warnings.push(`${where}: Contour Geometric Type ${type ?? 'absent'} is not one of PS3.3's; skipped`);
    return undefined;
  }
  let data: number[] | undefined;
  try {
    data = decimals(item, 'x30060050');
  } catch (error) {
    warnings.push(`${where}: ${(error as Error).message}; skipped`);
    return undefined;
  }
  if (!data || data.length === 0 || data.length % 3 !== 0 || data.length / 3 > MAX_CONTOUR_POINTS) {
    warnings.push(`${where}: Contour Data holds ${data?.length ?? 0} numbers, not x, y, z triples; skipped`);
    return undefined;
  }
  const referencedSopInstanceUids = items(item, 'x30060016').flatMap((image) => texts(image, 'x00081155'));
  return { geometricType: type, points: Float64Array.from(data), referencedSopInstanceUids };
}

/** An ROI number (IS), or undefined when absent or not a whole number: the item is then skipped. */
function roiNumber(item: DataSet, tag: string): number | undefined {
  const value = text(item, tag);
  const n = Number(value);
  return value !== undefined && Number.isInteger(n) ? n : undefined;
}

function colourOf(item: DataSet): [number, number, number] | undefined {
  const rgb = texts(item, 'x3006002a').map(Number);
  if (rgb.length !== 3 || !rgb.every((c) => Number.isInteger(c) && c >= 0 && c <= 255)) return undefined;
  return [rgb[0]!, rgb[1]!, rgb[2]!];
}

function readRois(ds: DataSet, warnings: string[]): RtRoi[] {
  const localText = textReader(ds);
  const contoursOf = new Map<number, { colour?: [number, number, number]; contours: RtContour[] }>();
  items(ds, 'x30060039').forEach((roiContour, i) => {
    const number = roiNumber(roiContour, 'x30060084');
    if (number === undefined) {
      warnings.push(`item ${i + 1} of the ROI Contour Sequence names no ROI; skipped`);
      return;
    }
    const contours = items(roiContour, 'x30060040').flatMap((c, j) => {
      const read = readContour(c, `ROI ${number}, contour ${j + 1}`, warnings);
      return read ? [read] : [];
    });
    const colour = colourOf(roiContour);
    contoursOf.set(number, { ...(colour ? { colour } : {}), contours });
  });
  const typeOf = new Map(
    items(ds, 'x30060080').map((o) => [roiNumber(o, 'x30060084'), text(o, 'x300600a4')] as const),
  );
  return items(ds, 'x30060020').flatMap((roi, i): RtRoi[] => {
    const number = roiNumber(roi, 'x30060022');
    if (number === undefined) {
      warnings.push(`item ${i + 1} of the Structure Set ROI Sequence has no ROI Number; skipped`);
      return [];
    }
    const found = contoursOf.get(number);
    const interpretedType = typeOf.get(number);
    const frameOfReferenceUid = text(roi, 'x30060024');
    return [
      {
        number,
        name: localText(roi, 'x30060026') ?? `ROI ${number}`,
        ...(found?.colour ? { colour: found.colour } : {}),
        ...(interpretedType ? { interpretedType } : {}),
        ...(frameOfReferenceUid ? { frameOfReferenceUid } : {}),
        contours: found?.contours ?? [],
      },
    ];
  });
}

function referencedSeries(ds: DataSet): string[] {
  return items(ds, 'x30060010').flatMap((frame) =>
    items(frame, 'x30060012').flatMap((study) =>
      items(study, 'x30060014').flatMap((s) => texts(s, 'x0020000e')),
    ),
  );
}

function read(bytes: Uint8Array, options: ReadRtstructOptions): RtStructureSet {
  const parsed = parseDicom(bytes, {
    file: options.name,
    ...(options.inflateRaw ? { inflateRaw: options.inflateRaw } : {}),
  });
  const ds = parsed.dataSet;
  checkIsStructureSet(ds);
  if (!ds.elements.x30060020)
    throw new ImageReadError('MISSING_ATTRIBUTE', 'the Structure Set ROI Sequence (3006,0020) is missing');
  const warnings: string[] = [];
  const rois = readRois(ds, warnings);
  const frame = firstItem(ds, 'x30060010');
  const frameOfReferenceUid = frame ? text(frame, 'x00200052') : undefined;
  const label = text(ds, 'x30060002');
  return {
    ...(label ? { label } : {}),
    ...(frameOfReferenceUid ? { frameOfReferenceUid } : {}),
    referencedSeriesUids: referencedSeries(ds),
    rois,
    warnings,
  };
}

/**
 * Reads an RT Structure Set: each ROI's number, name, colour, interpreted type and contours (points in
 * patient space). Contours that break the standard (an unknown geometric type, Contour Data that is not
 * triples) are skipped with a warning rather than failing the file: one bad contour of a 40-ROI
 * planning structure set should not cost the other 39. A file that is not an RT Structure Set, or
 * has no ROI sequence, is an ImageReadError naming it.
 */
export function readRtstruct(bytes: Uint8Array, options: ReadRtstructOptions): RtStructureSet {
  try {
    return read(bytes, options);
  } catch (error) {
    if (error instanceof ImageReadError) throw error.withFile(options.name);
    throw error;
  }
}
