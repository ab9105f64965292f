import {
  type AnnotationPayload,
  type CodedConcept,
  ROI_AREA_UNIT,
  type RoiStatistics,
} from '../../annotation/index.js';

/**
 * How each measurement payload becomes rows of measurements.csv: one row per figure (a length, an angle, or
 * one of an ROI's five statistics), with the figure's unit, and the payload's handles as JSON.
 */
export type MeasurementPayload = Extract<
  AnnotationPayload,
  { type: 'length' | 'angle' | 'ellipseRoi' | 'circleRoi' | 'rectangleRoi' }
>;

export const MEASUREMENT_TYPES = ['length', 'angle', 'ellipseRoi', 'circleRoi', 'rectangleRoi'] as const;
export type MeasurementType = (typeof MEASUREMENT_TYPES)[number];

export const ROI_FIGURES = ['area', 'mean', 'sd', 'min', 'max'] as const;
export type RoiFigure = (typeof ROI_FIGURES)[number];

/** The `kind` column: what a row's value is. */
export type MeasurementKind = 'length' | 'angle' | RoiFigure;

const STATISTIC_OF_FIGURE = { area: 'area', mean: 'mean', sd: 'stdDev', min: 'min', max: 'max' } as const;

export interface MeasurementFigure {
  readonly kind: MeasurementKind;
  readonly value: number;
  readonly unit: CodedConcept;
}

export function isMeasurementPayload(payload: AnnotationPayload): payload is MeasurementPayload {
  return (MEASUREMENT_TYPES as readonly string[]).includes(payload.type);
}

export function figuresOf(payload: MeasurementPayload): MeasurementFigure[] {
  if (payload.type === 'length' || payload.type === 'angle')
    return [{ kind: payload.type, value: payload.data.value, unit: payload.data.unit }];
  const s = payload.data.statistics;
  return ROI_FIGURES.map((kind) => ({
    kind,
    value: s[STATISTIC_OF_FIGURE[kind]],
    unit: kind === 'area' ? ROI_AREA_UNIT : s.unit,
  }));
}

/** The handles of a measurement: its points (length, angle) or its shape's handles (ROIs). */
export function handlesOf(payload: MeasurementPayload): unknown {
  switch (payload.type) {
    case 'length':
    case 'angle':
      return payload.data.points;
    case 'circleRoi':
      return { center: payload.data.center, edge: payload.data.edge };
    case 'ellipseRoi':
      return { center: payload.data.center, axisEnds: payload.data.axisEnds };
    case 'rectangleRoi':
      return { box: payload.data.box };
  }
}

/**
 * A payload's `data` from its handles, concept and figures (keyed by kind); the schema checks the result.
 * ROI area rows carry the fixed mm² unit; the intensity unit is the one on the mean row.
 */
export function measurementData(
  type: MeasurementType,
  handles: unknown,
  concept: CodedConcept,
  figures: ReadonlyMap<MeasurementKind, MeasurementFigure>,
): unknown {
  if (type === 'length' || type === 'angle') {
    const f = figures.get(type);
    return { points: handles, concept, value: f?.value, unit: f?.unit };
  }
  const statistics: Partial<Record<keyof RoiStatistics, unknown>> = { unit: figures.get('mean')?.unit };
  for (const kind of ROI_FIGURES) statistics[STATISTIC_OF_FIGURE[kind]] = figures.get(kind)?.value;
  const shape = typeof handles === 'object' && handles !== null ? handles : {};
  return { ...shape, concept, statistics };
}

export function figuresNeeded(type: MeasurementType): readonly MeasurementKind[] {
  return type === 'length' || type === 'angle' ? [type] : ROI_FIGURES;
}
