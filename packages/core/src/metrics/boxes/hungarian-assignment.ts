/** A minimum-cost assignment: `pairs` are [row, col], sorted by row, one per row or column (whichever is fewer). */
export interface Assignment {
  readonly pairs: ReadonlyArray<readonly [row: number, col: number]>;
  /** The sum of cost[row][col] over the pairs. */
  readonly totalCost: number;
}

export interface AssignmentOptions {
  /** Maximise the total instead of minimising it (as scipy's `maximize=True`). */
  maximize?: boolean;
}

/**
 * Solves the linear assignment problem for a rectangular cost matrix (n rows × m columns): pairs
 * min(n, m) rows with distinct columns at the least total cost, like scipy.optimize.linear_sum_assignment.
 *
 * Shortest augmenting paths with row and column potentials (Kuhn–Munkres in the Jonker–Volgenant
 * form): each row is added with one Dijkstra-like search over the columns, O(n²·m) overall with
 * n ≤ m (a taller matrix is solved transposed). Costs must be finite (and small enough that their sums
 * stay finite doubles); an empty matrix gives no pairs. Among equally cheap assignments the one returned
 * may differ from scipy's.
 */
export function hungarianAssignment(
  cost: ReadonlyArray<ArrayLike<number>>,
  options: AssignmentOptions = {},
): Assignment {
  const rows = cost.length;
  const cols = checkCostMatrix(cost);
  if (rows === 0 || cols === 0) return { pairs: [], totalCost: 0 };

  const transposed = rows > cols;
  const n = transposed ? cols : rows;
  const m = transposed ? rows : cols;
  const sign = options.maximize ? -1 : 1;
  // Row-major n × m copy with n ≤ m, negated when maximising.
  const a = new Float64Array(n * m);
  for (let r = 0; r < rows; r++) {
    const row = cost[r]!;
    for (let c = 0; c < cols; c++) {
      a[transposed ? c * m + r : r * m + c] = sign * row[c]!;
    }
  }

  const colToRow = solveWide(a, n, m);
  const pairs: Array<readonly [number, number]> = [];
  for (let j = 0; j < m; j++) {
    const i = colToRow[j]!;
    if (i >= 0) pairs.push(transposed ? [j, i] : [i, j]);
  }
  pairs.sort((p, q) => p[0] - q[0]);
  let totalCost = 0;
  for (const [r, c] of pairs) totalCost += cost[r]![c]!;
  return { pairs, totalCost };
}

/** Checks that the matrix is rectangular with finite entries; returns its column count. */
function checkCostMatrix(cost: ReadonlyArray<ArrayLike<number>>): number {
  if (!Array.isArray(cost)) throw new TypeError('hungarianAssignment: cost must be an array of rows');
  const cols = cost.length > 0 ? (cost[0]?.length ?? 0) : 0;
  for (let r = 0; r < cost.length; r++) {
    const row = cost[r];
    if (row === undefined || row === null || typeof row.length !== 'number') {
      throw new TypeError(`hungarianAssignment: row ${r} is not an array`);
    }
    if (row.length !== cols) {
      throw new RangeError(
        `hungarianAssignment: cost matrix is not rectangular (row 0 has ${cols} columns, row ${r} has ${row.length})`,
      );
    }
    for (let c = 0; c < cols; c++) {
      const v = row[c];
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        throw new RangeError(
          `hungarianAssignment: cost[${r}][${c}] must be a finite number, got ${String(v)}`,
        );
      }
    }
  }
  return cols;
}

/**
 * The search state, with 1-based indices and column 0 a virtual column that holds the row being
 * added, so that every augmenting path starts there. Invariant: u[i] + v[j] ≤ a[i][j] for every pair,
 * with equality on assigned pairs.
 */
interface SearchState {
  readonly a: Float64Array; // row-major n × m, 0-based
  readonly m: number;
  readonly u: Float64Array; // row potentials
  readonly v: Float64Array; // column potentials
  readonly rowOf: Int32Array; // rowOf[j]: 1-based row assigned to column j, 0 for none
  readonly way: Int32Array; // previous column on the shortest path to j
  readonly minv: Float64Array; // reduced cost of the cheapest path found so far to column j
  readonly used: Uint8Array; // columns already on the shortest-path tree
}

/** The assignment for an n × m matrix with n ≤ m, as the row given to each column (−1 for none). */
function solveWide(a: Float64Array, n: number, m: number): Int32Array {
  const state: SearchState = {
    a,
    m,
    u: new Float64Array(n + 1),
    v: new Float64Array(m + 1),
    rowOf: new Int32Array(m + 1),
    way: new Int32Array(m + 1),
    minv: new Float64Array(m + 1),
    used: new Uint8Array(m + 1),
  };
  for (let i = 1; i <= n; i++) addRow(state, i);
  const colToRow = new Int32Array(m);
  for (let j = 1; j <= m; j++) colToRow[j - 1] = state.rowOf[j]! - 1;
  return colToRow;
}

/** Grows a shortest-path tree from row i until it reaches a free column, then flips the path. */
function addRow(state: SearchState, i: number): void {
  const { rowOf, way, minv, used } = state;
  rowOf[0] = i;
  let j0 = 0;
  minv.fill(Number.POSITIVE_INFINITY);
  used.fill(0);
  do {
    used[j0] = 1;
    const { column, delta } = relaxFrom(state, j0);
    shiftPotentials(state, delta);
    j0 = column;
  } while (rowOf[j0] !== 0);
  // Flip the path: every column on it takes the row of the column before it.
  do {
    const j1 = way[j0]!;
    rowOf[j0] = rowOf[j1]!;
    j0 = j1;
  } while (j0 !== 0);
}

/** Relaxes the edges of column j0's row; returns the unused column nearest the tree and its distance. */
function relaxFrom(state: SearchState, j0: number): { column: number; delta: number } {
  const { a, m, u, v, rowOf, way, minv, used } = state;
  const i0 = rowOf[j0]!;
  const rowStart = (i0 - 1) * m - 1; // a[i0][j] is a[rowStart + j] for 1-based j
  let delta = Number.POSITIVE_INFINITY;
  let column = -1;
  for (let j = 1; j <= m; j++) {
    if (used[j]) continue;
    const reduced = a[rowStart + j]! - u[i0]! - v[j]!;
    if (reduced < minv[j]!) {
      minv[j] = reduced;
      way[j] = j0;
    }
    if (minv[j]! < delta) {
      delta = minv[j]!;
      column = j;
    }
  }
  // With finite costs and n ≤ m an unused column always remains; this guards the invariant.
  if (column < 0) throw new Error('hungarianAssignment: no augmenting path (internal error)');
  return { column, delta };
}

/** Moves the tree's potentials by delta, keeping reduced costs ≥ 0 and tight on the tree. */
function shiftPotentials(state: SearchState, delta: number): void {
  const { m, u, v, rowOf, minv, used } = state;
  for (let j = 0; j <= m; j++) {
    if (used[j]) {
      u[rowOf[j]!]! += delta;
      v[j]! -= delta;
    } else {
      minv[j]! -= delta;
    }
  }
}
