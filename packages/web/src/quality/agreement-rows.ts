import { formatMetric, formatNumber, formatThreshold, metricName } from './metric-format.js';
import type { ConsensusSet, LabelAgreement, Reader } from './quality-api.js';

/** Pair details measured in millimetres (surface distances); the rest are fractions. */
const DISTANCE_DETAILS = new Set(['hd', 'hd95', 'assd', 'asd', 'msd', 'hausdorff', 'distanceMm']);

/** Pair details that count things (boxes matched, landmark names shared): whole numbers. */
const COUNT_DETAILS = new Set(['matched', 'unmatched', 'shared', 'onlyOne']);

const DETAIL_NAMES: Readonly<Record<string, string>> = {
  matched: 'Matched',
  unmatched: 'Unmatched',
  meanIou: 'Mean IoU',
  shared: 'Shared',
  onlyOne: 'Placed by one',
  hd95: 'HD95',
  hd: 'HD',
  assd: 'ASSD',
  iou: 'IoU',
  dice: 'Dice',
  nsd: 'NSD',
  volumeDiff: 'Volume diff',
};

/** "HD95 3.1 mm · IoU 0.71": each detail of a reader pair, in the server's order. */
export function formatDetails(details: Readonly<Record<string, number | null>> | undefined): string {
  if (!details) return '';
  return Object.entries(details)
    .map(([key, value]) => `${DETAIL_NAMES[key] ?? key} ${formatDetail(key, value)}`)
    .join(' · ');
}

function formatDetail(key: string, value: number | null): string {
  if (COUNT_DETAILS.has(key)) return formatNumber(value, 0);
  return formatMetric(value, DISTANCE_DETAILS.has(key) ? 'distanceMm' : 'dice');
}

export interface AgreementRow {
  readonly labelId: string;
  readonly name: string;
  /** The label's schema colour ('#rrggbb'), or null when the server did not send one. */
  readonly colour: string | null;
  readonly metric: string;
  readonly value: string;
  readonly threshold: string;
  readonly passed: boolean;
  /** The server's reason for a missing value, or ''. */
  readonly note: string;
  readonly pairs: readonly {
    readonly key: string;
    readonly readers: string;
    readonly value: string;
    readonly details: string;
  }[];
  readonly perReader: readonly { readonly userId: string; readonly name: string; readonly value: string }[];
}

/** The item's agreement, label by label, with reader names in place of user ids (reviewers are not blind). */
export function agreementRows(
  agreement: readonly LabelAgreement[],
  readers: readonly Reader[],
): AgreementRow[] {
  const name = nameLookup(readers);
  return agreement.map((label) => ({
    labelId: label.labelId,
    name: label.labelName,
    colour: label.labelColour && /^#[0-9a-f]{6}$/i.test(label.labelColour) ? label.labelColour : null,
    metric: metricName(label.metric),
    value: formatMetric(label.value, label.metric),
    threshold: formatThreshold(label.threshold, label.metric, label.higherIsBetter),
    passed: label.passed,
    note: label.note ?? '',
    pairs: label.pairs.map((pair) => ({
      key: `${pair.a}|${pair.b}`,
      readers: `${name(pair.a)} – ${name(pair.b)}`,
      value: formatMetric(pair.value, label.metric),
      details: formatDetails(pair.details),
    })),
    perReader: label.perReader.map((r) => ({
      userId: r.userId,
      name: name(r.userId),
      value: formatMetric(r.value, label.metric),
    })),
  }));
}

/** A reader's display name; a user who is no longer a reader of the item shows as a short id. */
export function nameLookup(readers: readonly Reader[]): (userId: string) => string {
  const names = new Map(readers.map((r) => [r.userId, r.displayName]));
  return (userId) => names.get(userId) ?? `user ${userId.slice(0, 8)}`;
}

const METHOD_NAMES: Readonly<Record<string, string>> = {
  'majority-vote': 'majority vote',
  staple: 'STAPLE',
  'weighted-box-fusion': 'weighted box fusion',
  'mean-position': 'mean position',
  'majority-label': 'majority label',
  'reader-accepted': "a reader's annotation",
  automatic: 'automatic',
  'reviewer-edited': 'edited by a reviewer',
};

export function methodName(method: string): string {
  return METHOD_NAMES[method] ?? method;
}

export interface ConsensusRow {
  readonly labelId: string;
  readonly name: string;
  readonly method: string;
  readonly needsAdjudication: boolean;
  readonly staple: readonly {
    readonly userId: string;
    readonly name: string;
    readonly sensitivity: string;
    readonly specificity: string;
  }[];
}

/** The consensus label by label: how it was made and, for STAPLE, each reader's estimated performance. */
export function consensusRows(
  consensus: ConsensusSet,
  agreement: readonly LabelAgreement[],
  readers: readonly Reader[],
): ConsensusRow[] {
  const name = nameLookup(readers);
  const labelNames = new Map(agreement.map((a) => [a.labelId, a.labelName]));
  return consensus.labels.map((label) => ({
    labelId: label.labelId,
    name: labelNames.get(label.labelId) ?? label.labelId,
    method: methodName(label.method),
    needsAdjudication: label.needsAdjudication === true,
    staple: (label.readers ?? []).map((r) => ({
      userId: r.userId,
      name: name(r.userId),
      sensitivity: formatNumber(r.sensitivity, 3),
      specificity: formatNumber(r.specificity, 3),
    })),
  }));
}
