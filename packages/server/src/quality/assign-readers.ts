export type AssignmentStrategy = 'round-robin' | 'least-loaded';

export interface AssignmentInput {
  /** The project's readers, in a stable order (when they joined). */
  readonly readers: readonly string[];
  readonly items: number;
  readonly readersPerItem: number;
  readonly strategy: AssignmentStrategy;
  /**
   * round-robin: how many reader slots were handed out before this batch, so the rotation carries on
   * where the last batch stopped. least-loaded: each reader's open tasks (todo or in progress).
   */
  readonly handedOut?: number;
  readonly openTasks?: ReadonlyMap<string, number>;
}

/**
 * Who reads each item: `readersPerItem` distinct readers per item.
 * - round-robin deals readers out in turn, so over many items each reads the same number (±1);
 * - least-loaded gives each item to the readers with the fewest open tasks at that moment (ties to the
 *   earlier reader), so a reader who finishes fast gets more and nobody's queue grows while others idle.
 * Throws when the project has fewer readers than each item needs: two tasks of one reader on one item
 * would make their agreement with themselves look like agreement.
 */
export function assignReaders(input: AssignmentInput): string[][] {
  const { readers, items, readersPerItem } = input;
  if (readers.length < readersPerItem) {
    throw new RangeError(
      `each item needs ${readersPerItem} different readers, but the project has ${readers.length} annotator${readers.length === 1 ? '' : 's'}`,
    );
  }
  return input.strategy === 'round-robin'
    ? roundRobin(readers, items, readersPerItem, input.handedOut ?? 0)
    : leastLoaded(readers, items, readersPerItem, input.openTasks ?? new Map());
}

function roundRobin(
  readers: readonly string[],
  items: number,
  perItem: number,
  handedOut: number,
): string[][] {
  const out: string[][] = [];
  let next = handedOut % readers.length;
  for (let i = 0; i < items; i++) {
    const chosen: string[] = [];
    for (let k = 0; k < perItem; k++) chosen.push(readers[(next + k) % readers.length]!);
    next = (next + perItem) % readers.length;
    out.push(chosen);
  }
  return out;
}

function leastLoaded(
  readers: readonly string[],
  items: number,
  perItem: number,
  openTasks: ReadonlyMap<string, number>,
): string[][] {
  const load = new Map(readers.map((reader) => [reader, openTasks.get(reader) ?? 0]));
  const order = new Map(readers.map((reader, i) => [reader, i]));
  const out: string[][] = [];
  for (let i = 0; i < items; i++) {
    const chosen = [...readers]
      .sort((a, b) => load.get(a)! - load.get(b)! || order.get(a)! - order.get(b)!)
      .slice(0, perItem);
    for (const reader of chosen) load.set(reader, load.get(reader)! + 1);
    out.push(chosen);
  }
  return out;
}
