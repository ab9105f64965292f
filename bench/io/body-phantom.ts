import { gaussianTable, type SeededRandom } from './seeded-random.js';

/**
 * A CT body phantom in Hounsfield units: air, a skin/fat shell, soft tissue, lungs and heart in the upper
 * slices, liver, kidneys and bowel gas lower down, spine and a contrast-filled aorta throughout, a patient
 * table, and Gaussian noise. Shapes are in normalised image coordinates (−1…1 across the field of view),
 * so any matrix size gives the same anatomy.
 */

/** Stored value outside the reconstruction circle (as GE and others write it; HU −3024 after rescale). */
export const PADDING_STORED_VALUE = -2000;
/** RescaleIntercept of the series: stored = HU + 1024. */
export const RESCALE_INTERCEPT = -1024;
const NOISE_HU = 12;
const NOISE_TABLE_SIZE = 1 << 16;

type Shape =
  | { kind: 'ellipse'; cx: number; cy: number; rx: number; ry: number; hu: number }
  | { kind: 'box'; x0: number; y0: number; x1: number; y1: number; hu: number };

const ellipse = (cx: number, cy: number, rx: number, ry: number, hu: number): Shape => ({
  kind: 'ellipse',
  cx,
  cy,
  rx,
  ry,
  hu,
});

/** Smooth bump: 1 in the middle of [from, to], 0 outside it. */
function bump(t: number, from: number, to: number): number {
  if (t <= from || t >= to) return 0;
  return Math.sin((Math.PI * (t - from)) / (to - from));
}

function thorax(t: number): Shape[] {
  const lung = bump(t, -0.2, 0.5);
  const heart = bump(t, 0.12, 0.42);
  const shapes: Shape[] = [];
  if (lung > 0.05) {
    shapes.push(ellipse(-0.38, -0.05, 0.12 + 0.16 * lung, 0.15 + 0.23 * lung, -850));
    shapes.push(ellipse(0.38, -0.05, 0.12 + 0.16 * lung, 0.15 + 0.23 * lung, -850));
  }
  if (heart > 0.05) shapes.push(ellipse(0.08, 0.02, 0.22 * heart, 0.2 * heart, 40));
  return shapes;
}

function abdomen(t: number): Shape[] {
  const liver = bump(t, 0.38, 0.72);
  const kidney = bump(t, 0.55, 0.82);
  const shapes: Shape[] = [];
  if (liver > 0.05) shapes.push(ellipse(-0.33, -0.02, 0.36 * liver, 0.3 * liver, 60));
  if (kidney > 0.05) {
    shapes.push(ellipse(-0.33, 0.3, 0.1 * kidney, 0.13 * kidney, 150));
    shapes.push(ellipse(0.33, 0.3, 0.1 * kidney, 0.13 * kidney, 150));
  }
  if (t > 0.6) {
    // Bowel gas pockets that drift with the slice position.
    for (let i = 0; i < 4; i++) {
      const angle = 2.3 * i + 9 * t;
      shapes.push(ellipse(0.25 * Math.cos(angle), -0.15 + 0.15 * Math.sin(angle), 0.05, 0.04, -900));
    }
  }
  return shapes;
}

/** The shapes of slice `t` (0 = top, 1 = bottom), painted in order: later shapes cover earlier ones. */
export function phantomShapes(t: number): Shape[] {
  const size = 0.92 + 0.08 * Math.sin(Math.PI * t);
  return [
    { kind: 'box', x0: -0.9, y0: 0.74, x1: 0.9, y1: 0.79, hu: 120 },
    ellipse(0, 0.05, 0.85 * size, 0.62 * size, -100),
    ellipse(0, 0.05, 0.85 * size - 0.06, 0.62 * size - 0.06, 45),
    ...thorax(t),
    ...abdomen(t),
    ellipse(0.05, 0.28, 0.06, 0.06, 180),
    ellipse(0, 0.44, 0.11, 0.1, 900),
    ellipse(0, 0.44, 0.085, 0.075, 250),
    ellipse(0, 0.58, 0.04, 0.035, 20),
  ];
}

function paint(hu: Float32Array, columns: number, rows: number, shape: Shape): void {
  const toCol = (u: number) => ((u + 1) / 2) * columns - 0.5;
  const toRow = (v: number) => ((v + 1) / 2) * rows - 0.5;
  const [u0, v0, u1, v1] =
    shape.kind === 'box'
      ? [shape.x0, shape.y0, shape.x1, shape.y1]
      : [shape.cx - shape.rx, shape.cy - shape.ry, shape.cx + shape.rx, shape.cy + shape.ry];
  const c0 = Math.max(0, Math.ceil(toCol(u0)));
  const c1 = Math.min(columns - 1, Math.floor(toCol(u1)));
  const r0 = Math.max(0, Math.ceil(toRow(v0)));
  const r1 = Math.min(rows - 1, Math.floor(toRow(v1)));
  for (let r = r0; r <= r1; r++) {
    const v = ((r + 0.5) / rows) * 2 - 1;
    for (let c = c0; c <= c1; c++) {
      if (shape.kind === 'ellipse') {
        const u = ((c + 0.5) / columns) * 2 - 1;
        const du = (u - shape.cx) / shape.rx;
        const dv = (v - shape.cy) / shape.ry;
        if (du * du + dv * dv > 1) continue;
      }
      hu[r * columns + c] = shape.hu;
    }
  }
}

/** Draws slices of one phantom; the noise stream continues from slice to slice, so draw them in order. */
export class PhantomSlicer {
  readonly #random: SeededRandom;
  readonly #noise: Float32Array;
  readonly #hu: Float32Array;

  constructor(
    readonly columns: number,
    readonly rows: number,
    random: SeededRandom,
  ) {
    this.#random = random;
    this.#noise = gaussianTable(random, NOISE_TABLE_SIZE);
    this.#hu = new Float32Array(columns * rows);
  }

  /** Stored (pre-rescale) int16 values of slice `t` in 0…1. */
  slice(t: number): Int16Array {
    const { columns, rows } = this;
    const hu = this.#hu;
    hu.fill(-1000);
    for (const shape of phantomShapes(t)) paint(hu, columns, rows, shape);
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
        stored[i] = Math.round(hu[i]! - RESCALE_INTERCEPT + NOISE_HU * noise);
      }
    }
    return stored;
  }
}
