import { IDENTITY3 } from '../../geometry/matrix3.js';
import type { InstanceHeader } from '../instance-header.js';
import type { FrameRef, SeriesPlan } from './series-plan.js';
import { compareTemporal, sortStack } from './slice-stack.js';

/** Rounds a number so that tiny encoding differences (e.g. '0.99999' vs '1') fall in the same key. */
function rounded(v: number | undefined, digits = 4): string {
  return v === undefined ? '-' : (Math.round(v * 10 ** digits) / 10 ** digits).toString();
}

/** Frames with the same key can be one image: same size, pixel format, orientation and spacing. */
function stackKey(ref: FrameRef): string {
  const h = ref.header;
  const p = ref.plane;
  return [
    h.rows,
    h.columns,
    h.samplesPerPixel,
    h.bitsAllocated,
    h.photometricInterpretation,
    p.orientation
      ?.flat()
      .map((v) => rounded(v, 3))
      .join(','),
    p.pixelSpacing?.map((v) => rounded(v)).join(','),
    p.stackId ?? '',
  ].join('|');
}

function isSpatial(ref: FrameRef): boolean {
  return ref.plane.position !== undefined && ref.plane.orientation !== undefined;
}

/** Frames of a file that repeat one plane (cine, or a classic multi-frame without per-frame geometry). */
function framesPlan(header: InstanceHeader): SeriesPlan {
  const plane = header.planes[0]!;
  const [rowSpacing, colSpacing] = plane.pixelSpacing ?? [1, 1];
  const frames = Array.from({ length: header.numberOfFrames }, (_, i) => ({ header, frameIndex: i, plane }));
  const warnings = plane.pixelSpacing ? [] : ['no pixel spacing in the header: 1 mm assumed'];
  return {
    kind: header.numberOfFrames > 1 ? 'frames' : 'volume',
    geometry: {
      dims: [header.columns, header.rows, header.numberOfFrames],
      spacing: [colSpacing, rowSpacing, 1],
      origin: plane.position ?? [0, 0, 0],
      direction: plane.orientation
        ? [
            plane.orientation[0][0],
            plane.orientation[1][0],
            0,
            plane.orientation[0][1],
            plane.orientation[1][1],
            0,
            plane.orientation[0][2],
            plane.orientation[1][2],
            1,
          ]
        : IDENTITY3,
    },
    timepoints: 1,
    frames,
    ...(header.frameTimesMs ? { frameTimesMs: header.frameTimesMs } : {}),
    warnings,
  };
}

function framesOf(header: InstanceHeader): FrameRef[] {
  if (header.planes.length === header.numberOfFrames) {
    return header.planes.map((plane, frameIndex) => ({ header, frameIndex, plane }));
  }
  return [{ header, frameIndex: 0, plane: header.planes[0]! }];
}

function groupBy<T>(values: readonly T[], key: (v: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const v of values) {
    const k = key(v);
    const g = groups.get(k);
    if (g) g.push(v);
    else groups.set(k, [v]);
  }
  return [...groups.values()];
}

/** Splits a stack whose positions repeat unevenly by acquisition number, when that makes them even. */
function splitByAcquisition(frames: FrameRef[]): FrameRef[][] {
  const byAcquisition = groupBy(frames, (f) => String(f.header.acquisitionNumber ?? ''));
  return byAcquisition.length > 1 ? byAcquisition : [frames];
}

function stackPlans(frames: FrameRef[], sliceFallback: number, note: string[]): SeriesPlan[] {
  const first = sortStack(frames, sliceFallback);
  const uneven = first.warnings.some((w) => w.startsWith('duplicate positions'));
  const parts = uneven ? splitByAcquisition(frames) : [frames];
  const sorted = parts.length > 1 ? parts.map((p) => sortStack(p, sliceFallback)) : [first];
  return sorted.map((s) => ({
    kind: 'volume' as const,
    geometry: s.geometry,
    timepoints: s.timepoints,
    frames: s.frames,
    ...(s.timepoints > 1 && frames[0]!.header.repetitionTimeMs
      ? {
          frameTimesMs: Array.from(
            { length: s.timepoints },
            (_, t) => t * frames[0]!.header.repetitionTimeMs!,
          ),
        }
      : {}),
    warnings: [...note, ...(parts.length > 1 ? ['split by acquisition number'] : []), ...s.warnings],
  }));
}

/** The same instance stored twice (e.g. in two transfer syntaxes) is one instance: keep the first. */
function uniqueInstances(headers: InstanceHeader[]): { unique: InstanceHeader[]; repeated: number } {
  const seen = new Set<string>();
  const unique = headers.filter((h) => {
    if (!h.sopInstanceUID) return true;
    if (seen.has(h.sopInstanceUID)) return false;
    seen.add(h.sopInstanceUID);
    return true;
  });
  return { unique, repeated: headers.length - unique.length };
}

/** Mosaic files of one series: each is a volume; several at the same geometry are timepoints. */
function mosaicPlans(headers: InstanceHeader[]): SeriesPlan[] {
  const byGeometry = groupBy(headers, (h) => {
    const g = h.mosaic!.geometry;
    return [...g.dims, ...g.origin, ...g.direction, ...g.spacing].map((v) => rounded(v, 3)).join(',');
  });
  return byGeometry.map((group) => {
    const ordered = group
      .map((header) => ({ header, frameIndex: 0, plane: header.planes[0]! }))
      .sort(compareTemporal);
    const { geometry, info } = ordered[0]!.header.mosaic!;
    const frames = ordered.flatMap((ref) =>
      Array.from({ length: info.slices }, (_, tile) => ({ ...ref, tile })),
    );
    const tr = ordered[0]!.header.repetitionTimeMs;
    return {
      kind: 'volume' as const,
      geometry,
      timepoints: ordered.length,
      frames,
      ...(ordered.length > 1 && tr ? { frameTimesMs: ordered.map((_, t) => t * tr) } : {}),
      warnings: [],
    };
  });
}

function seriesPlans(all: InstanceHeader[]): SeriesPlan[] {
  const { unique, repeated } = uniqueInstances(all);
  const plans: SeriesPlan[] = mosaicPlans(unique.filter((h) => h.mosaic));
  const headers = unique.filter((h) => !h.mosaic);
  const spatial: FrameRef[] = [];
  for (const h of headers) {
    const frames = framesOf(h);
    if (h.numberOfFrames > 1 && frames.length === 1) plans.push(framesPlan(h));
    else if (frames.every(isSpatial)) spatial.push(...frames);
    else plans.push(framesPlan(h));
  }
  const stacks = groupBy(spatial, stackKey);
  const note =
    stacks.length > 1
      ? [`series split into ${stacks.length} images (orientation, size or stack differ)`]
      : [];
  for (const stack of stacks) {
    const h = stack[0]!.header;
    const fallback = h.spacingBetweenSlices ?? h.sliceThickness ?? 1;
    plans.push(...stackPlans(stack, fallback, note));
  }
  if (repeated === 0) return plans;
  const warning = `${repeated} file(s) repeat the SOP Instance UID of another file and were left out`;
  return plans.map((p) => ({ ...p, warnings: [warning, ...p.warnings] }));
}

function seriesOrder(a: SeriesPlan, b: SeriesPlan): number {
  const ha = a.frames[0]!.header;
  const hb = b.frames[0]!.header;
  return (
    (ha.seriesNumber ?? 0) - (hb.seriesNumber ?? 0) ||
    (ha.seriesInstanceUID ?? '').localeCompare(hb.seriesInstanceUID ?? '') ||
    compareTemporal(a.frames[0]!, b.frames[0]!)
  );
}

/**
 * Groups instances into images: by Series Instance UID, then split where orientation, size or pixel
 * format differ, sorted along the slice normal, with repeated positions as timepoints (4D).
 * Instances without pixel data are left out.
 */
export function assembleSeries(headers: readonly InstanceHeader[]): SeriesPlan[] {
  const images = headers.filter((h) => h.hasPixelData);
  const bySeries = groupBy(images, (h) => h.seriesInstanceUID ?? `file:${h.file}`);
  return bySeries.flatMap(seriesPlans).sort(seriesOrder);
}
