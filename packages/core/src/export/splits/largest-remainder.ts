/**
 * Remainders and priorities are compared after rounding to this grid, so that values equal on paper but
 * computed from different decimal shares (3 × 0.1 and 0.3) tie instead of differing in the last bit.
 */
const TIE_GRID = 1e-9;
const onGrid = (value: number): number => Math.round(value / TIE_GRID);

/**
 * Hamilton's largest-remainder apportionment: divides `total` whole items among parties with the given
 * `shares` (summing to 1). Each party first gets the whole part of its quota total × share; the items
 * left over go one each to the parties with the largest fractional remainders. So every count is the
 * quota rounded down or up (within one item of it) and the counts sum to `total`.
 *
 * Ties between equal remainders (to 1e-9) go to the party with the higher `priority`, then to the lower index.
 * A party with share 0 never gets an item.
 */
export function apportionByLargestRemainder(
  total: number,
  shares: readonly number[],
  priority: readonly number[],
): number[] {
  const quotas = shares.map((share) => total * share);
  const counts = quotas.map(Math.floor);
  const leftover = total - counts.reduce((sum, count) => sum + count, 0);
  const order = shares
    .map((share, index) => ({
      index,
      share,
      remainder: onGrid(quotas[index]! - counts[index]!),
    }))
    .sort(
      (a, b) =>
        Number(b.share > 0) - Number(a.share > 0) ||
        b.remainder - a.remainder ||
        onGrid(priority[b.index]!) - onGrid(priority[a.index]!) ||
        a.index - b.index,
    );
  for (const { index } of order.slice(0, leftover)) counts[index] = counts[index]! + 1;
  return counts;
}
