import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compressStraightRuns, traceOuterContours } from './trace-outer-contours.js';

/** A mask from rows of '#' (foreground) and '.' (background). */
function drawn(...rows: string[]) {
  const width = rows[0]!.length;
  const mask = Uint8Array.from(rows.join('').split(''), (c) => (c === '#' ? 1 : 0));
  return { mask, width, height: rows.length };
}

function trace(...rows: string[]) {
  const { mask, width, height } = drawn(...rows);
  return traceOuterContours(mask, width, height);
}

/*
 * Expected vertex lists are hand-traced with Suzuki & Abe (1985) algorithm 1, steps 3.1–3.5: start at the
 * component's first pixel in raster order, search clockwise from its west neighbour for the first foreground
 * neighbour, then repeatedly search counter-clockwise around the current pixel starting just after the
 * previous one. OpenCV's findContours implements the same paper (RETR_EXTERNAL, CHAIN_APPROX_NONE; compressed
 * lists as CHAIN_APPROX_SIMPLE), but OpenCV is not installed here, so it is not run as a reference.
 */
describe('traceOuterContours', () => {
  it('traces a 3×3 square through its border pixel centres', () => {
    const [square, ...rest] = trace('.....', '.###.', '.###.', '.###.', '.....');
    expect(rest).toEqual([]);
    expect(square!.points).toEqual([
      [1, 1],
      [1, 2],
      [1, 3],
      [2, 3],
      [3, 3],
      [3, 2],
      [3, 1],
      [2, 1],
    ]);
    expect(square).toMatchObject({ area: 9, minX: 1, minY: 1, maxX: 3, maxY: 3 });
    // CHAIN_APPROX_SIMPLE keeps the four corners.
    expect(compressStraightRuns(square!.points)).toEqual([
      [1, 1],
      [1, 3],
      [3, 3],
      [3, 1],
    ]);
  });

  it('traces a one-pixel-thick L, cutting its inner corner diagonally on the way back', () => {
    const [l] = trace('#..', '#..', '###');
    // Down the stem, along the foot, back along the foot, then diagonally from (1,2) to (0,1).
    expect(l!.points).toEqual([
      [0, 0],
      [0, 1],
      [0, 2],
      [1, 2],
      [2, 2],
      [1, 2],
      [0, 1],
    ]);
    expect(l!.area).toBe(5);
    expect(compressStraightRuns(l!.points)).toEqual([
      [0, 0],
      [0, 2],
      [2, 2],
      [1, 2],
      [0, 1],
    ]);
  });

  it('gives two components in raster order of their first pixels', () => {
    const contours = trace('##...', '##...', '.....', '...#.');
    expect(contours.map((c) => c.points)).toEqual([
      [
        [0, 0],
        [0, 1],
        [1, 1],
        [1, 0],
      ],
      [[3, 3]],
    ]);
    expect(contours.map((c) => c.area)).toEqual([4, 1]);
  });

  it('traces a one-pixel line out and back', () => {
    const [line] = trace('......', '.####.', '......');
    expect(line!.points).toEqual([
      [1, 1],
      [2, 1],
      [3, 1],
      [4, 1],
      [3, 1],
      [2, 1],
    ]);
    // Only the two ends survive compression: a line has no area, so it cannot be a polygon.
    expect(compressStraightRuns(line!.points)).toEqual([
      [1, 1],
      [4, 1],
    ]);
  });

  it('joins pixels touching at a corner (8-connectivity)', () => {
    const [diagonal, ...rest] = trace('#.', '.#');
    expect(rest).toEqual([]);
    expect(diagonal!.points).toEqual([
      [0, 0],
      [1, 1],
    ]);
  });

  it('traces only the outside of a ring; an island in the hole is its own component', () => {
    const contours = trace('#####', '#...#', '#.#.#', '#...#', '#####');
    expect(contours.map((c) => compressStraightRuns(c.points))).toEqual([
      [
        [0, 0],
        [0, 4],
        [4, 4],
        [4, 0],
      ],
      [[2, 2]],
    ]);
    expect(contours.map((c) => c.area)).toEqual([16, 1]);
  });

  it('rejects a mask whose size does not match', () => {
    expect(() => traceOuterContours(new Uint8Array(5), 2, 2)).toThrow(RangeError);
    expect(() => traceOuterContours(new Uint8Array(0), 0, 0)).toThrow(RangeError);
  });

  it('visits only foreground pixels of one component, each border pixel 4-adjacent to background', () => {
    const masks = fc.integer({ min: 1, max: 12 }).chain((width) =>
      fc.integer({ min: 1, max: 12 }).chain((height) =>
        fc.record({
          width: fc.constant(width),
          height: fc.constant(height),
          mask: fc.uint8Array({ min: 0, max: 1, minLength: width * height, maxLength: width * height }),
        }),
      ),
    );
    fc.assert(
      fc.property(masks, ({ width, height, mask }) => {
        const at = (x: number, y: number) =>
          x >= 0 && y >= 0 && x < width && y < height && mask[y * width + x] === 1;
        const contours = traceOuterContours(mask, width, height);
        expect(contours.reduce((sum, c) => sum + c.area, 0)).toBe(mask.reduce((a, b) => a + b, 0));
        for (const { points } of contours) {
          points.forEach(([x, y], i) => {
            expect(at(x, y)).toBe(true);
            expect(at(x - 1, y) && at(x + 1, y) && at(x, y - 1) && at(x, y + 1)).toBe(false);
            const [nx, ny] = points[(i + 1) % points.length]!;
            expect(Math.max(Math.abs(nx - x), Math.abs(ny - y))).toBeLessThanOrEqual(1);
          });
        }
      }),
    );
  });
});

const hasScipy = spawnSync('/usr/bin/python3', ['-c', 'import scipy.ndimage']).status === 0;

describe.runIf(hasScipy)('traceOuterContours against scipy.ndimage.label', () => {
  it('finds the same 8-connected components with the same pixel counts', () => {
    // A fixed pseudo-random 40×30 mask (xorshift), about 45% foreground.
    const width = 40;
    const height = 30;
    let state = 2463534242;
    const mask = Uint8Array.from({ length: width * height }, () => {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      return (state >>> 0) % 100 < 45 ? 1 : 0;
    });
    const script = [
      'import json, sys, numpy as np, scipy.ndimage as ndi',
      'd = json.load(sys.stdin)',
      'm = np.array(d["mask"]).reshape(d["height"], d["width"])',
      'lab, n = ndi.label(m, structure=np.ones((3, 3)))',
      'print(json.dumps([int((lab == i).sum()) for i in range(1, n + 1)]))',
    ].join('\n');
    const run = spawnSync('/usr/bin/python3', ['-c', script], {
      input: JSON.stringify({ width, height, mask: [...mask] }),
      encoding: 'utf8',
    });
    expect(run.status, run.stderr).toBe(0);
    // scipy numbers components in raster order of their first pixel, as traceOuterContours orders them.
    const areas = JSON.parse(run.stdout) as number[];
    expect(traceOuterContours(mask, width, height).map((c) => c.area)).toEqual(areas);
  });
});
