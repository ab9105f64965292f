import { TABLE_E3_10_1 } from './ps3-15-table-e3-10-1.js';
import type { SafePrivateRow } from './safe-private-row.js';

export { TABLE_E3_10_1, TABLE_E3_10_1_EDITION, TABLE_E3_10_1_SOURCE } from './ps3-15-table-e3-10-1.js';

/**
 * The Retain Safe Private Option (PS3.15 E.3.10) keeps private attributes "known to be safe", here those of
 * Table E.3.10-1, together with the Private Creators that define them. A private data element (gggg,xxee)
 * is identified by its group, the low byte ee and the creator string held in (gggg,00xx); the block xx
 * is wherever that creator was given room, so it never enters the match. The table is the 2020b edition's
 * (the newest machine-readable copy at hand); later editions may list more rows, and a row missing here
 * only means an attribute is removed that could have been kept.
 */
const ROWS = new Map<string, SafePrivateRow>(
  TABLE_E3_10_1.map((r) => [key(r.group, r.element, r.creator), r]),
);

function key(group: string, element: string, creator: string): string {
  return `${group}|${element}|${creator}`;
}

/** Groups PS3.5 7.8.1 forbids for private data (0001, 0003, 0005, 0007, FFFF). */
const NOT_PRIVATE_GROUPS = new Set(['0001', '0003', '0005', '0007', 'FFFF']);

/**
 * For a private data element (gggg,xxee), the tag (gggg,00xx) of the Private Creator that reserves its
 * block; undefined for anything else (even groups, private creators themselves, group lengths, (gggg,0001-000F)).
 */
export function privateCreatorTag(tag: string): string | undefined {
  const t = tag.toUpperCase();
  if (!/^[0-9A-F]{8}$/.test(t)) return undefined;
  const group = t.slice(0, 4);
  const block = Number.parseInt(t.slice(4, 6), 16);
  if (Number.parseInt(group, 16) % 2 === 0 || NOT_PRIVATE_GROUPS.has(group) || block < 0x10) return undefined;
  return `${group}00${t.slice(4, 6)}`;
}

/** The Table E.3.10-1 row for a private data element and the value of its Private Creator, if listed. */
export function safePrivateRow(tag: string, privateCreator: string): SafePrivateRow | undefined {
  if (!privateCreatorTag(tag)) return undefined;
  const t = tag.toUpperCase();
  // LO values are space-padded and their leading and trailing spaces are not significant (PS3.5 6.2);
  // the table spells creators exactly, case included, as their vendors write them.
  return ROWS.get(key(t.slice(0, 4), t.slice(6, 8), privateCreator.trim()));
}

/**
 * Whether Table E.3.10-1 lists the private data element `tag` (8 hex digits) under `privateCreator`.
 * When the element's VR is known (explicit VR, or from a dictionary) it must be the table's: the same
 * creator and element number with another VR is not the attribute the table vouches for. UN (a VR the
 * writer did not know) tells nothing and does not count against it. Where the table gives no VR, a known
 * VR cannot be checked against it, and an unverifiable element is not safe.
 */
export function isSafePrivateAttribute(tag: string, privateCreator: string, vr?: string): boolean {
  const row = safePrivateRow(tag, privateCreator);
  if (!row) return false;
  if (vr === undefined || vr === 'UN') return true;
  return row.vr !== '' && row.vr === vr;
}
