import type { ConfidentialityOption } from './confidentiality-option.js';
import { TABLE_E1_1 } from './ps3-15-table-e1-1.js';
import type { ProfileAction, TableE11Row } from './table-e1-1-row.js';

const EXACT = new Map(TABLE_E1_1.filter((r) => !/[xg]/.test(r.tag)).map((r) => [r.tag, r]));
const PATTERNS = TABLE_E1_1.filter((r) => /x/.test(r.tag)).map((r) => ({
  row: r,
  regex: new RegExp(`^${r.tag.replaceAll('x', '[0-9A-F]')}$`),
}));
const PRIVATE_ROW = TABLE_E1_1.find((r) => r.tag === 'ggggeeee');

/** True for attributes of an odd group: private data elements and private creators. */
export function isPrivateTag(tag: string): boolean {
  return Number.parseInt(tag.slice(3, 4), 16) % 2 === 1;
}

/** The Table E.1-1 row that governs `tag` (8 upper-case hex digits), if any. */
export function tableRowFor(tag: string): TableE11Row | undefined {
  const exact = EXACT.get(tag);
  if (exact) return exact;
  if (isPrivateTag(tag)) return PRIVATE_ROW;
  return PATTERNS.find((p) => p.regex.test(tag))?.row;
}

/**
 * The action for a row under the enabled options. An option that retains (K) wins over one that cleans
 * (C): the user asked for both, and keeping is what "retain" means; without an enabled option column the
 * Basic Profile action applies.
 */
export function effectiveAction(
  row: TableE11Row,
  options: ReadonlySet<ConfidentialityOption>,
): ProfileAction {
  let action: ProfileAction = row.basic;
  for (const [option, optionAction] of Object.entries(row.options ?? {})) {
    if (!options.has(option as ConfidentialityOption)) continue;
    if (optionAction === 'K') return 'K';
    action = optionAction;
  }
  return action;
}
