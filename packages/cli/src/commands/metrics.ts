import { type ImageGeometry, maskMetricsByLabel } from '@voxelhub/core';
import { type TestOnReference, testOnReferenceGrid } from './metrics-grid.js';
import { type MaskFile, readMaskFile } from './metrics-mask-file.js';
import { agreementTable, labelAgreement } from './metrics-report.js';

/** NSD tolerance when --tolerance is not given: 1 mm, as the help says. */
export const DEFAULT_TOLERANCE_MM = 1;

export interface MetricsOptions {
  /** Compare only this label (else every label found in either file). */
  readonly label?: number;
  /** NSD tolerance in mm; default DEFAULT_TOLERANCE_MM. */
  readonly tolerance?: number;
  readonly json?: boolean;
}

/** The non-zero labels of a label map, ascending. */
function labelsIn(voxels: Uint8Array | Uint16Array): number[] {
  const seen = new Uint8Array(voxels instanceof Uint16Array ? 0x10000 : 0x100);
  for (const v of voxels) seen[v] = 1;
  const labels: number[] = [];
  for (let v = 1; v < seen.length; v++) if (seen[v]) labels.push(v);
  return labels;
}

function presentIn(file: MaskFile, label: number): boolean {
  return file.map.voxels.includes(label);
}

/** Distances use the voxel size along each axis, which is right only when the axes are perpendicular. */
function hasPerpendicularAxes({ direction: d }: ImageGeometry): boolean {
  const column = (i: number) => [d[i]!, d[3 + i]!, d[6 + i]!];
  const dot = (a: number[], b: number[]) => a[0]! * b[0]! + a[1]! * b[1]! + a[2]! * b[2]!;
  const [x, y, z] = [column(0), column(1), column(2)];
  return [dot(x, y), dot(y, z), dot(x, z)].every((c) => Math.abs(c) <= 1e-3);
}

function describeGrid(file: MaskFile): string {
  const { dims, spacing } = file.geometry;
  return `${dims.join('×')} voxels of ${spacing.map((s) => +s.toFixed(4)).join('×')} mm`;
}

/** Segment names from the SEG files (the reference's first), for the table. */
function segmentNames(files: readonly MaskFile[]): Map<number, string> {
  const names = new Map<number, string>();
  for (const file of [...files].reverse())
    for (const s of file.segments ?? []) if (s.label) names.set(s.number, s.label);
  return names;
}

/** Says on stderr how the grids relate; false (after an error line) when they do not overlap. */
function reportGrids(reference: MaskFile, test: MaskFile, onReference: TestOnReference): boolean {
  const grids = (file: MaskFile) => `${file.path} (${describeGrid(file)})`;
  if (onReference.coveredVoxels === 0) {
    process.stderr.write(
      `error: ${grids(test)} and ${grids(reference)} do not overlap in patient space: nothing to compare\n`,
    );
    return false;
  }
  if (onReference.resampled) {
    const share = (100 * onReference.coveredVoxels) / reference.map.voxels.length;
    process.stderr.write(
      `note: ${grids(test)} lies on another grid than ${grids(reference)}: resampled onto the reference grid ` +
        `by nearest voxel in patient space (it covers ${+share.toFixed(1)}% of the reference grid)\n`,
    );
  }
  if (!hasPerpendicularAxes(reference.geometry)) {
    process.stderr.write(
      `warning: ${reference.path}: the grid's axes are not perpendicular (sheared); distances treat them as if they were\n`,
    );
  }
  return true;
}

/** The labels to compare: the one asked for, or every label in either file, ascending. */
function labelsToCompare(reference: MaskFile, test: MaskFile, label: number | undefined): number[] {
  if (label === undefined)
    return [...new Set([...labelsIn(reference.map.voxels), ...labelsIn(test.map.voxels)])].sort(
      (a, b) => a - b,
    );
  if (!presentIn(reference, label) && !presentIn(test, label))
    process.stderr.write(`warning: label ${label} is in neither file\n`);
  return [label];
}

/**
 * `voxelhub metrics <reference> <test>`: agreement of a test mask with a reference mask, per label, in
 * core's maskMetrics convention. The test is resampled onto the reference grid (nearest voxel) when the
 * grids differ. Returns the exit code: 0, or 1 when the grids do not overlap (read errors are thrown).
 */
export async function metricsCommand(
  referencePath: string,
  testPath: string,
  options: MetricsOptions = {},
): Promise<number> {
  const reference = await readMaskFile(referencePath);
  const test = await readMaskFile(testPath);
  for (const file of [reference, test])
    for (const w of file.warnings) process.stderr.write(`warning: ${file.path}: ${w}\n`);
  const onReference = testOnReferenceGrid(reference, test);
  if (!reportGrids(reference, test, onReference)) return 1;
  const tolerance = options.tolerance ?? DEFAULT_TOLERANCE_MM;
  const { dims } = reference.map;
  const { spacing } = reference.geometry;
  // One scan finds every label's voxels and box; the distance transform's buffer is shared between them.
  const labels = labelsToCompare(reference, test, options.label);
  const rows = maskMetricsByLabel(reference.map.voxels, onReference.voxels, dims, spacing, {
    labels,
    tolerance,
  }).map((metrics) => labelAgreement(metrics.label, metrics, tolerance));
  if (options.json) {
    const value = options.label !== undefined ? rows[0] : rows;
    process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  } else {
    process.stdout.write(agreementTable(rows, segmentNames([reference, test])));
  }
  return 0;
}
