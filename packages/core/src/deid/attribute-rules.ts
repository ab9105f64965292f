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

function findRow(tag: string): TableE11Row | undefined {
  const exact = EXACT.get(tag);
  if (exact) return exact;
  if (isPrivateTag(tag)) return PRIVATE_ROW;
  return PATTERNS.find((p) => p.regex.test(tag))?.row;
}

// Every element of every file is looked up, most of them against all the 'x' patterns: remember the
// answers. Tags are few in practice; the bound only guards against files made of random tags.
const rowByTag = new Map<string, TableE11Row | null>();
const ROW_CACHE_LIMIT = 1 << 16;

/** The Table E.1-1 row that governs `tag` (8 upper-case hex digits), if any. */
export function tableRowFor(tag: string): TableE11Row | undefined {
  let row = rowByTag.get(tag);
  if (row === undefined) {
    row = findRow(tag) ?? null;
    if (rowByTag.size >= ROW_CACHE_LIMIT) rowByTag.clear();
    rowByTag.set(tag, row);
  }
  return row ?? undefined;
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
  if (!row.options) return row.basic;
  let action: ProfileAction = row.basic;
  for (const [option, optionAction] of Object.entries(row.options ?? {})) {
    if (!options.has(option as ConfidentialityOption)) continue;
    if (optionAction === 'K') return 'K';
    action = optionAction;
  }
  return action;
}
