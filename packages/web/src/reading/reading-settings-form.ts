import type {
  AgreementDefaults,
  AssignmentStrategy,
  MaskConsensusMethod,
  ProjectSettings,
} from '../api/api-types.js';
import type { FieldErrors } from '../projects/field-errors.js';
import { MAX_READERS } from '../projects/project-form.js';
import {
  type AgreementMetric,
  METRIC_RULES,
  METRICS,
  type MetricRule,
  metricOfLabelType,
} from './label-metric.js';
import type { ReadingMode } from './reading-choices.js';

/** What the Reading settings form holds: numbers as typed, so that a half-typed "0." is not lost. */
export interface ReadingDraft {
  readonly readersPerItem: string;
  readonly reading: ReadingMode;
  readonly assignment: AssignmentStrategy;
  readonly maskConsensus: MaskConsensusMethod;
  readonly defaults: Readonly<Record<AgreementMetric, string>>;
  /** Each label's own threshold by label id; '' means the default of its metric. */
  readonly overrides: Readonly<Record<string, string>>;
}

/** A label of the schema, as far as its threshold goes. */
export interface ThresholdLabel {
  readonly id: string;
  readonly name: string;
  readonly type: string;
}

/** The settings part of PATCH /api/projects/:id: only what changed (the server leaves the rest alone). */
export interface ReadingSettingsPatch {
  readersPerItem?: number;
  reading?: ReadingMode;
  assignment?: AssignmentStrategy;
  quality?: {
    defaults?: Partial<AgreementDefaults>;
    thresholds?: Record<string, number>;
    maskConsensus?: MaskConsensusMethod;
  };
}

// Field keys are the server's validation paths without "body.", so that its messages land on the same fields.
export const READERS_FIELD = 'settings.readersPerItem';
export const defaultField = (metric: AgreementMetric) => `settings.quality.defaults.${metric}`;
export const overrideField = (labelId: string) => `settings.quality.thresholds.${labelId}`;

export function readingDraftOf(settings: ProjectSettings): ReadingDraft {
  const { defaults, thresholds, maskConsensus } = settings.quality;
  return {
    readersPerItem: String(settings.readersPerItem),
    reading: settings.reading,
    assignment: settings.assignment,
    maskConsensus,
    defaults: {
      dice: String(defaults.dice),
      f1: String(defaults.f1),
      distanceMm: String(defaults.distanceMm),
      labelAgreement: String(defaults.labelAgreement),
    },
    overrides: Object.fromEntries(Object.entries(thresholds).map(([id, value]) => [id, String(value)])),
  };
}

/** True when the form shows something other than the stored settings. */
export function draftDiffers(draft: ReadingDraft, settings: ProjectSettings): boolean {
  const saved = readingDraftOf(settings);
  const overrides = (d: ReadingDraft) =>
    Object.entries(d.overrides)
      .filter(([, text]) => text.trim() !== '')
      .map(([id, text]) => `${id}=${text.trim()}`)
      .sort()
      .join();
  return (
    draft.readersPerItem.trim() !== saved.readersPerItem ||
    draft.reading !== saved.reading ||
    draft.assignment !== saved.assignment ||
    draft.maskConsensus !== saved.maskConsensus ||
    METRICS.some((m) => draft.defaults[m].trim() !== saved.defaults[m]) ||
    overrides(draft) !== overrides(saved)
  );
}

const DECIMAL = /^(\d+(\.\d*)?|\.\d+)$/;

/** A threshold typed for a metric: its number, or what is wrong with the text. */
export function parseThreshold(text: string, rule: MetricRule): number | { readonly error: string } {
  const trimmed = text.trim();
  const value = Number(trimmed);
  if (!DECIMAL.test(trimmed) || value > rule.max)
    return {
      error: rule.unit === 'mm' ? `a distance from 0 to ${rule.max} mm` : `a number from 0 to ${rule.max}`,
    };
  return value;
}

/** Checks the draft before it is sent; messages are keyed like the server's, by field path. */
export function validateReading(draft: ReadingDraft, labels: readonly ThresholdLabel[]): FieldErrors {
  const fields: Record<string, string> = {};
  const readers = draft.readersPerItem.trim();
  if (!/^\d+$/.test(readers) || Number(readers) < 1 || Number(readers) > MAX_READERS)
    fields[READERS_FIELD] = `a whole number from 1 to ${MAX_READERS}`;
  for (const metric of METRICS) {
    const parsed = parseThreshold(draft.defaults[metric], METRIC_RULES[metric]);
    if (typeof parsed !== 'number') fields[defaultField(metric)] = parsed.error;
  }
  for (const label of labels) {
    const rule = metricOfLabelType(label.type);
    const text = draft.overrides[label.id] ?? '';
    if (!rule || text.trim() === '') continue;
    const parsed = parseThreshold(text, rule);
    if (typeof parsed !== 'number') fields[overrideField(label.id)] = parsed.error;
  }
  return { fields, form: null };
}

/**
 * What a valid draft changes, or null when it changes nothing. Only changed fields are named, so that two
 * managers saving different settings at once do not undo each other. The thresholds go whole when any
 * changed (the server replaces the map); labels the form does not show keep theirs.
 */
export function readingChanges(draft: ReadingDraft, settings: ProjectSettings): ReadingSettingsPatch | null {
  const patch: ReadingSettingsPatch = {};
  const readers = Number(draft.readersPerItem.trim());
  if (readers !== settings.readersPerItem) patch.readersPerItem = readers;
  if (draft.reading !== settings.reading) patch.reading = draft.reading;
  if (draft.assignment !== settings.assignment) patch.assignment = draft.assignment;
  const quality: NonNullable<ReadingSettingsPatch['quality']> = {};
  const defaults: Partial<Record<AgreementMetric, number>> = {};
  for (const metric of METRICS) {
    const value = Number(draft.defaults[metric].trim());
    if (value !== settings.quality.defaults[metric]) defaults[metric] = value;
  }
  if (Object.keys(defaults).length > 0) quality.defaults = defaults;
  const thresholds = thresholdsOf(draft.overrides);
  if (!sameThresholds(thresholds, settings.quality.thresholds)) quality.thresholds = thresholds;
  if (draft.maskConsensus !== settings.quality.maskConsensus) quality.maskConsensus = draft.maskConsensus;
  if (Object.keys(quality).length > 0) patch.quality = quality;
  return Object.keys(patch).length > 0 ? patch : null;
}

function thresholdsOf(overrides: Readonly<Record<string, string>>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [id, text] of Object.entries(overrides)) if (text.trim() !== '') out[id] = Number(text.trim());
  return out;
}

function sameThresholds(a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((id) => Object.hasOwn(b, id) && b[id] === a[id]);
}
