import { z } from 'zod';
import type { ImageVolume } from '../volume/image-volume.js';
import { demoChestRadiograph } from './chest-radiograph.js';
import { type CtSize, type DemoLabel, demoCt } from './ct-series.js';
import { DemoOptionsError } from './demo-options-error.js';
import { demoUltrasoundCine } from './ultrasound-cine.js';

/** One DICOM Part 10 file of the demo dataset; `name` is a relative path such as `ct/slice-001.dcm`. */
export interface DemoFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

export interface DemoDataset {
  /** Every file: the CT slices (ct/), the chest radiograph (dx/) and the ultrasound cine (us/). */
  readonly files: readonly DemoFile[];
  readonly ct: {
    readonly size: CtSize;
    /** Ground truth of the CT phantom on the CT grid: uint8 label per voxel, 0 = air. */
    readonly labelMap: ImageVolume;
    /** The structures, by label id: name, nominal HU, a voxel well inside each. */
    readonly labels: readonly DemoLabel[];
  };
}

export const DEFAULT_DEMO_SEED = 20240115;

const dimension = (max: number) => z.number().int().min(8).max(max);

const optionsSchema = z
  .object({
    /** Any 32-bit unsigned integer; the same seed gives byte-identical files. */
    seed: z.number().int().min(0).max(0xffffffff).default(DEFAULT_DEMO_SEED),
    ctSize: z
      .object({ columns: dimension(1024), rows: dimension(1024), slices: dimension(1024) })
      .strict()
      .default({ columns: 128, rows: 128, slices: 40 }),
  })
  .strict();

export type DemoDatasetOptions = z.input<typeof optionsSchema>;

/**
 * Voxelhub's demo dataset, generated in memory: a CT torso phantom (one file per slice) with its label
 * map, a PA chest radiograph (DX) and a cardiac-like ultrasound cine (US multi-frame). Deterministic:
 * the same options give byte-identical files. Every name and ID is synthetic (Demo^Patient01, DEMO-001).
 */
export function generateDemoDataset(options: DemoDatasetOptions = {}): DemoDataset {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new DemoOptionsError(`demo dataset option ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const { seed, ctSize } = parsed.data;
  const ct = demoCt(seed, ctSize);
  return {
    files: [...ct.files, demoChestRadiograph(seed), demoUltrasoundCine(seed)],
    ct: { size: ctSize, labelMap: ct.labelMap, labels: ct.labels },
  };
}
