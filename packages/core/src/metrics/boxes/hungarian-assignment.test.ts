import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { hungarianAssignment } from './hungarian-assignment.js';

const PYTHON = '/usr/bin/python3';

// scipy.optimize.linear_sum_assignment is the reference: every matrix goes to it in one JSON batch,
// and it answers with the optimal total (summed in Python from its own row/column indices).
const SCIPY_SCRIPT = `
import json, sys
import numpy as np
from scipy.optimize import linear_sum_assignment
out = []
for case in json.load(sys.stdin):
    cost = np.array(case["cost"], dtype=float).reshape(case["rows"], case["cols"])
    r, c = linear_sum_assignment(cost, maximize=case["maximize"])
    out.append({"total": float(cost[r, c].sum()), "pairs": len(r)})
json.dump(out, sys.stdout)
`;

interface Case {
  rows: number;
  cols: number;
  maximize: boolean;
  cost: number[][];
}

/** mulberry32: a small seeded generator so every run tests the same matrices. */
function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomMatrix(rows: number, cols: number, entry: () => number): number[][] {
  return Array.from({ length: rows }, () => Array.from({ length: cols }, entry));
}

function buildCases(): Case[] {
  const random = seededRandom(20260611);
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const kinds: Array<[string, () => number]> = [
    ['uniform [0, 1)', () => random()],
    ['ties: integers 0..3', () => int(0, 3)],
    ['all equal', () => 7],
    ['signed', () => (random() - 0.5) * 200],
    ['large integers up to 1e12', () => int(0, 1e12)],
    ['large floats up to 1e9', () => random() * 1e9],
    ['IoU-like with zeros', () => (random() < 0.6 ? 0 : random())],
  ];
  const cases: Case[] = [];
  for (const [, entry] of kinds) {
    for (let k = 0; k < 30; k++) {
      const rows = int(1, 12);
      const cols = k % 3 === 0 ? rows : int(1, 12); // a third square, the rest mostly rectangular
      cases.push({ rows, cols, maximize: k % 5 === 4, cost: randomMatrix(rows, cols, entry) });
    }
  }
  for (const [rows, cols] of [
    [40, 40],
    [25, 60],
    [60, 25],
    [1, 30],
    [30, 1],
  ] as const) {
    cases.push({ rows, cols, maximize: false, cost: randomMatrix(rows, cols, () => random()) });
    cases.push({ rows, cols, maximize: false, cost: randomMatrix(rows, cols, () => int(0, 5)) });
  }
  return cases;
}

function runScipy(cases: Case[]): Array<{ total: number; pairs: number }> {
  const input = JSON.stringify(cases.map((c) => ({ ...c, cost: c.cost.flat() })));
  const run = spawnSync(PYTHON, ['-c', SCIPY_SCRIPT], { input, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (run.status !== 0) throw new Error(`scipy failed: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

describe('hungarianAssignment against scipy.optimize.linear_sum_assignment', () => {
  const cases = buildCases();
  const expected = runScipy(cases);

  it('finds the same optimal total on every seeded matrix', () => {
    expect(expected).toHaveLength(cases.length);
    cases.forEach((c, k) => {
      const ours = hungarianAssignment(c.cost, { maximize: c.maximize });
      const want = expected[k]!;
      const label = `case ${k}: ${c.rows}×${c.cols}${c.maximize ? ' maximize' : ''}`;
      expect(ours.pairs.length, label).toBe(want.pairs);
      const tolerance = 1e-9 * Math.max(1, Math.abs(want.total));
      expect(Math.abs(ours.totalCost - want.total), label).toBeLessThanOrEqual(tolerance);
    });
  });

  it('returns a valid assignment whose total is the sum of its entries', () => {
    for (const c of cases) {
      const { pairs, totalCost } = hungarianAssignment(c.cost, { maximize: c.maximize });
      expect(pairs).toHaveLength(Math.min(c.rows, c.cols));
      expect(new Set(pairs.map(([r]) => r)).size).toBe(pairs.length);
      expect(new Set(pairs.map(([, col]) => col)).size).toBe(pairs.length);
      expect(pairs.map(([r]) => r)).toEqual([...pairs.map(([r]) => r)].sort((x, y) => x - y));
      expect(totalCost).toBe(pairs.reduce((sum, [r, col]) => sum + c.cost[r]![col]!, 0));
    }
  });
});

describe('hungarianAssignment on hand-checkable cases', () => {
  it('solves the 3×3 example of the scipy documentation', () => {
    // scipy.optimize.linear_sum_assignment docstring: cost [[4,1,3],[2,0,5],[3,2,2]] → rows [0,1,2],
    // cols [1,0,2], total 5.
    const { pairs, totalCost } = hungarianAssignment([
      [4, 1, 3],
      [2, 0, 5],
      [3, 2, 2],
    ]);
    expect(pairs).toEqual([
      [0, 1],
      [1, 0],
      [2, 2],
    ]);
    expect(totalCost).toBe(5);
  });

  it('leaves the extra row of a tall matrix unassigned', () => {
    // Column 0 is cheapest for row 1 (1), column 1 for row 2 (0); row 0 would cost 5 + 5 more.
    const { pairs, totalCost } = hungarianAssignment([
      [5, 5],
      [1, 9],
      [9, 0],
    ]);
    expect(pairs).toEqual([
      [1, 0],
      [2, 1],
    ]);
    expect(totalCost).toBe(1);
  });

  it('gives nothing for an empty matrix', () => {
    expect(hungarianAssignment([])).toEqual({ pairs: [], totalCost: 0 });
    expect(hungarianAssignment([[], []])).toEqual({ pairs: [], totalCost: 0 });
  });

  it('rejects ragged and non-finite matrices with a message', () => {
    expect(() => hungarianAssignment([[1, 2], [3]])).toThrow(/not rectangular.*row 1 has 1/);
    expect(() => hungarianAssignment([[1, Number.NaN]])).toThrow(/cost\[0\]\[1\] must be a finite number/);
    expect(() => hungarianAssignment([[Number.POSITIVE_INFINITY]])).toThrow(RangeError);
  });
});
