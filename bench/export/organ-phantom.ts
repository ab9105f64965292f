import { gaussianTable, type SeededRandom } from '../io/seeded-random.js';

/**
 * A CT body phantom made of ten labelled structures, so that the CT and its 10-label mask agree by
 * construction: each voxel's label decides its HU (plus noise). Shapes are ellipses in normalised image
 * coordinates (−1…1 across the field of view) whose size follows the slice position t (0 = top of the
 * scan, 1 = bottom), so organs start and end along the scan as they do in a chest–abdomen CT.
 */

/** Stored value outside the reconstruction circle (HU −3024 after rescale), as scanners write it. */
export const PADDING_STORED_VALUE = -2000;
/** RescaleIntercept of the series: stored = HU + 1024. */
export const RESCALE_INTERCEPT = -1024;
const AIR_HU = -1000;
const NOISE_HU = 12;
const NOISE_TABLE_SIZE = 1 << 16;

interface Ellipse {
  readonly cx: number;
  readonly cy: number;
  readonly rx: number;
  readonly ry: number;
}

/** One labelled structure: its label value, name, display colour, nominal HU and its ellipse on slice t. */
export interface Organ {
  readonly label: number;
  readonly name: string;
  readonly colour: string;
  readonly hu: number;
  readonly ellipse: (t: number) => Ellipse | undefined;
}

/** Smooth bump: 1 in the middle of [from, to], 0 outside it. */
function bump(t: number, from: number, to: number): number {
  if (t <= from || t >= to) return 0;
  return Math.sin((Math.PI * (t - from)) / (to - from));
}

/** An ellipse scaled by a bump over [from, to]; absent where the organ is too small to draw. */
function organ(cx: number, cy: number, rx: number, ry: number, from: number, to: number) {
  return (t: number): Ellipse | undefined => {
    const s = bump(t, from, to);
    return s > 0.05 ? { cx, cy, rx: rx * s, ry: ry * s } : undefined;
  };
}

/** A structure present on every slice. */
const always = (cx: number, cy: number, rx: number, ry: number) => (): Ellipse => ({ cx, cy, rx, ry });

/**
 * Painted in this order, a later structure covering an earlier one: the body holds every organ (nested),
 * the lungs meet the heart and the liver meets the right kidney (adjacent). Patient right is −x in LPS,
 * the left of an axial image.
 */
export const ORGANS: readonly Organ[] = [
  {
    label: 1,
    name: 'body',
    colour: '#f2d3b1',
    hu: 30,
    ellipse: (t) => {
      const size = 0.92 + 0.08 * Math.sin(Math.PI * t);
      return { cx: 0, cy: 0.05, rx: 0.85 * size, ry: 0.62 * size };
    },
  },
  {
    label: 2,
    name: 'right lung',
    colour: '#80aee0',
    hu: -850,
    ellipse: organ(-0.38, -0.05, 0.28, 0.38, -0.2, 0.5),
  },
  {
    label: 3,
    name: 'left lung',
    colour: '#6a9bd8',
    hu: -850,
    ellipse: organ(0.38, -0.05, 0.28, 0.38, -0.2, 0.5),
  },
  { label: 4, name: 'heart', colour: '#c8413b', hu: 45, ellipse: organ(0.08, 0.02, 0.24, 0.22, 0.12, 0.42) },
  { label: 5, name: 'liver', colour: '#9c5a2e', hu: 60, ellipse: organ(-0.33, -0.02, 0.36, 0.3, 0.38, 0.72) },
  {
    label: 6,
    name: 'right kidney',
    colour: '#b5651d',
    hu: 150,
    ellipse: organ(-0.33, 0.3, 0.1, 0.13, 0.55, 0.82),
  },
  {
    label: 7,
    name: 'left kidney',
    colour: '#a0522d',
    hu: 150,
    ellipse: organ(0.33, 0.3, 0.1, 0.13, 0.55, 0.82),
  },
  { label: 8, name: 'aorta', colour: '#e03c31', hu: 180, ellipse: always(0.05, 0.28, 0.06, 0.06) },
  { label: 9, name: 'vertebra', colour: '#f5f5dc', hu: 700, ellipse: always(0, 0.44, 0.11, 0.1) },
  { label: 10, name: 'spinal cord', colour: '#ffd700', hu: 20, ellipse: always(0, 0.58, 0.04, 0.035) },
];

function paint(labels: Uint8Array, columns: number, rows: number, shape: Ellipse, label: number): void {
  const toCol = (u: number) => ((u + 1) / 2) * columns - 0.5;
  const toRow = (v: number) => ((v + 1) / 2) * rows - 0.5;
  const c0 = Math.max(0, Math.ceil(toCol(shape.cx - shape.rx)));
  const c1 = Math.min(columns - 1, Math.floor(toCol(shape.cx + shape.rx)));
  const r0 = Math.max(0, Math.ceil(toRow(shape.cy - shape.ry)));
  const r1 = Math.min(rows - 1, Math.floor(toRow(shape.cy + shape.ry)));
  for (let r = r0; r <= r1; r++) {
    const dv = (((r + 0.5) / rows) * 2 - 1 - shape.cy) / shape.ry;
    for (let c = c0; c <= c1; c++) {
      const du = (((c + 0.5) / columns) * 2 - 1 - shape.cx) / shape.rx;
      if (du * du + dv * dv <= 1) labels[r * columns + c] = label;
    }
  }
}

/** The label slice at t (row after row, column fastest): 0 outside the body, 1…10 inside. */
export function labelSlice(t: number, columns: number, rows: number): Uint8Array {
  const labels = new Uint8Array(columns * rows);
  for (const o of ORGANS) {
    const shape = o.ellipse(t);
    if (shape) paint(labels, columns, rows, shape, o.label);
  }
  return labels;
}

const HU_OF_LABEL = (() => {
  const table = new Float32Array(256).fill(AIR_HU);
  for (const o of ORGANS) table[o.label] = o.hu;
  return table;
})();

/** Turns label slices into CT slices: each label's HU plus Gaussian noise, padding outside the circle. */
export class CtFromLabels {
  readonly #random: SeededRandom;
  readonly #noise: Float32Array;

  constructor(
    readonly columns: number,
    readonly rows: number,
    random: SeededRandom,
  ) {
    this.#random = random;
    this.#noise = gaussianTable(random, NOISE_TABLE_SIZE);
  }

  /** Stored (pre-rescale) int16 values of one slice; the noise stream continues from slice to slice. */
  slice(labels: Uint8Array): Int16Array {
    const { columns, rows } = this;
    const stored = new Int16Array(columns * rows);
    for (let r = 0; r < rows; r++) {
      const v = ((r + 0.5) / rows) * 2 - 1;
      for (let c = 0; c < columns; c++) {
        const u = ((c + 0.5) / columns) * 2 - 1;
        const i = r * columns + c;
        if (u * u + v * v > 1) {
          stored[i] = PADDING_STORED_VALUE;
          continue;
        }
        const noise = this.#noise[this.#random.nextUint32() & (NOISE_TABLE_SIZE - 1)]!;
        stored[i] = Math.round(HU_OF_LABEL[labels[i]!]! - RESCALE_INTERCEPT + NOISE_HU * noise);
      }
    }
    return stored;
  }
}
