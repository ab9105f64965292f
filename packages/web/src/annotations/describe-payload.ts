import type {
  AnnotatedPoint,
  AnnotationPayload,
  AnnotationType,
  ClassificationData,
  ImageRef,
  RoiStatistics,
  SegmentationData,
} from '@voxelhub/core/annotation';

/** What a person needs to tell two versions of an annotation apart, as plain lines of text. */
export interface PayloadDescription {
  /** The label's name from the project's schema (or its id, if the schema no longer has it). */
  readonly label: string;
  /** The annotation type in words: "Length", "Rectangle ROI". */
  readonly type: string;
  /** Where it is and what it holds: slice or frame, points in mm, measured values, answers. */
  readonly lines: readonly string[];
}

/** The part of a project label the description reads (the API's Label has it). */
export interface LabelName {
  readonly id: string;
  readonly name: string;
  /** A classification label's options, to show answers by name rather than by option id. */
  readonly classification?: {
    readonly options: readonly { readonly id: string; readonly name: string }[];
  } | null;
}

export const ANNOTATION_TYPE_NAMES: Readonly<Record<AnnotationType, string>> = {
  classification: 'Classification',
  box2d: 'Box',
  box3d: '3D box',
  polygon: 'Polygon',
  freehandContour: 'Freehand contour',
  polyline: 'Polyline',
  landmark: 'Landmark',
  length: 'Length',
  angle: 'Angle',
  ellipseRoi: 'Ellipse ROI',
  circleRoi: 'Circle ROI',
  rectangleRoi: 'Rectangle ROI',
  segmentation: 'Segmentation',
  frameRange: 'Frame range',
};

/**
 * A human summary of a payload for the conflict dialog. Slices and frames are counted from 1, as the
 * viewer's corner shows them (payloads count from 0); positions are patient coordinates (LPS) in mm.
 */
export function describePayload(
  payload: AnnotationPayload,
  labels: readonly LabelName[],
): PayloadDescription {
  const label = labels.find((l) => l.id === payload.labelId);
  const where = placeOf(payload.imageRef);
  return {
    label: label?.name ?? `Unknown label (${payload.labelId})`,
    type: ANNOTATION_TYPE_NAMES[payload.type],
    lines: [...(where ? [where] : []), ...linesOf(payload, label)],
  };
}

function placeOf(ref: ImageRef): string | undefined {
  if (ref.sliceIndex !== undefined) return `Slice ${ref.sliceIndex + 1}`;
  if (ref.frameIndex !== undefined) return `Frame ${ref.frameIndex + 1}`;
  return undefined;
}

function linesOf(payload: AnnotationPayload, label: LabelName | undefined): string[] {
  switch (payload.type) {
    case 'classification':
      return classificationLines(payload.data, label);
    case 'frameRange': {
      const { start, end } = payload.data;
      return [start === end ? `Frame ${start + 1}` : `Frames ${start + 1}–${end + 1}`];
    }
    case 'length':
      return [`Length ${fixed(payload.data.value)} mm`, span(payload.data.points[0], payload.data.points[1])];
    case 'angle':
      return [`Angle ${fixed(payload.data.value)}°`, `Vertex at ${position(payload.data.points[1])}`];
    case 'box2d':
    case 'box3d':
      return [span(payload.data.min, payload.data.max)];
    case 'polygon':
    case 'freehandContour':
    case 'polyline':
      return pointListLines(payload.data.points);
    case 'landmark':
      return [`“${payload.data.name}” at ${position(payload.data.point)}`];
    case 'rectangleRoi':
      return [...statisticsLines(payload.data.statistics), span(payload.data.box.min, payload.data.box.max)];
    case 'ellipseRoi':
    case 'circleRoi':
      return [...statisticsLines(payload.data.statistics), `Centre at ${position(payload.data.center)}`];
    case 'segmentation':
      return segmentationLines(payload.data);
  }
}

function classificationLines({ level, value }: ClassificationData, label: LabelName | undefined): string[] {
  const scope = `${level[0]!.toUpperCase()}${level.slice(1)} level`;
  // An option the schema no longer lists still shows, by its id.
  const option = (id: string) => label?.classification?.options.find((o) => o.id === id)?.name ?? id;
  switch (value.kind) {
    case 'single':
      return [scope, `Answer: ${option(value.choice)}`];
    case 'multiple':
      return [
        scope,
        value.choices.length > 0 ? `Answers: ${value.choices.map(option).join(', ')}` : 'No answer chosen',
      ];
    case 'text':
      return [scope, value.text === '' ? 'Empty text' : `Text: “${value.text}”`];
  }
}

/** Statistics as a radiologist reads them: area, then mean ± SD with the range, in the image's unit. */
function statisticsLines(s: RoiStatistics): string[] {
  const unit = intensityUnit(s.unit.value);
  return [
    `Area ${fixed(s.area)} mm²`,
    `Mean ${fixed(s.mean)} ± ${fixed(s.stdDev)}${unit} (min ${fixed(s.min)}, max ${fixed(s.max)})`,
  ];
}

function intensityUnit(ucum: string): string {
  if (ucum === "[hnsf'U]") return ' HU';
  return ucum === '1' ? '' : ` ${ucum}`;
}

function pointListLines(points: readonly AnnotatedPoint[]): string[] {
  return [`${points.length} points`, `First at ${position(points[0]!)}`];
}

function segmentationLines(data: SegmentationData): string[] {
  if (data.representation === 'rle') return [`Mask of “${data.segment.name}”`];
  const names = data.segments.map((s) => s.name);
  return [`Label map, ${names.length} segment${names.length === 1 ? '' : 's'}: ${names.join(', ')}`];
}

function span(from: AnnotatedPoint, to: AnnotatedPoint): string {
  return `From ${coordinates(from)} to ${position(to)}`;
}

function position(point: AnnotatedPoint): string {
  return `${coordinates(point)} mm`;
}

function coordinates(point: AnnotatedPoint): string {
  return `(${point.patient.map(fixed).join(', ')})`;
}

/** One decimal, as the viewer's measurements show; never "-0.0". */
function fixed(value: number): string {
  const text = value.toFixed(1);
  return text === '-0.0' ? '0.0' : text;
}
