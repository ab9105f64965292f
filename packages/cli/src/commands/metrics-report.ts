import type { MaskMetrics } from '@voxelhub/core';
import { formatTable } from '../terminal/table.js';

/** One label's agreement as `voxelhub metrics --json` prints it; distances in mm, null where undefined. */
export interface LabelAgreement {
  readonly label: number;
  readonly dice: number | null;
  readonly iou: number | null;
  readonly hd: number | null;
  readonly hd95: number | null;
  readonly assd: number | null;
  readonly nsd: number | null;
  /** (|test| − |reference|) / |reference|: a fraction, not a percentage. */
  readonly volumeDiff: number | null;
  /** The NSD tolerance τ, in mm. */
  readonly tolerance: number;
}

export function labelAgreement(label: number, m: MaskMetrics, tolerance: number): LabelAgreement {
  const { dice, iou, hd, hd95, assd, nsd, volumeDiff } = m;
  return { label, dice, iou, hd, hd95, assd, nsd, volumeDiff, tolerance };
}

const fixed = (value: number | null, digits: number) => (value === null ? 'n/a' : value.toFixed(digits));

function percent(value: number | null): string {
  if (value === null) return 'n/a';
  const text = `${(value * 100).toFixed(1)}%`;
  return value > 0 ? `+${text}` : text;
}

/** The readable form: one row per label, and the tolerance NSD used. */
export function agreementTable(rows: readonly LabelAgreement[], names: ReadonlyMap<number, string>): string {
  const named = names.size > 0;
  const headers = [
    'label',
    ...(named ? ['segment'] : []),
    'dice',
    'iou',
    'hd (mm)',
    'hd95 (mm)',
    'assd (mm)',
    'nsd',
    'volume diff',
  ];
  const cells = rows.map((r) => [
    String(r.label),
    ...(named ? [names.get(r.label) ?? ''] : []),
    fixed(r.dice, 4),
    fixed(r.iou, 4),
    fixed(r.hd, 3),
    fixed(r.hd95, 3),
    fixed(r.assd, 3),
    fixed(r.nsd, 4),
    percent(r.volumeDiff),
  ]);
  const tolerance = rows[0]?.tolerance;
  const note =
    tolerance === undefined
      ? 'no label in either file'
      : `nsd: normalised surface Dice at a tolerance of ${tolerance} mm; volume diff: (test − reference) / reference`;
  return `${formatTable(headers, cells)}\n${note}\n`;
}
