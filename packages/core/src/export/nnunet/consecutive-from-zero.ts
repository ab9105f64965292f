/** Whether `values` are 0, 1, …, n−1 in some order: what nnU-Net and the Decathlon ask of class values. */
export function isConsecutiveFromZero(values: readonly number[]): boolean {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.every((value, n) => value === n);
}
