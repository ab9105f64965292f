import { ApiRequestError } from '../api/api-error.js';
import type { Member } from '../projects/member-types.js';
import type { QualityItem } from '../quality/quality-api.js';
import { targetKey } from './reading-candidates.js';

/** One created item as the form reports it: what it is and who reads it. */
export interface SentItem {
  readonly itemId: string;
  readonly name: string;
  readonly readers: readonly string[];
}

/**
 * What went wrong with a send, in words, and what the manager can do about it:
 * 'add-annotators' — too few annotators for the readers each item needs (the Members panel adds them);
 * 'refresh' — something picked is an item already (the list is out of date).
 */
export interface SendProblem {
  readonly message: string;
  readonly remedy: 'add-annotators' | 'refresh' | null;
}

/**
 * The created items, named as the list named them (`names`: target key → name, from itemsRequest), each
 * with its readers' names.
 */
export function sentItems(
  items: readonly Pick<QualityItem, 'id' | 'imageId' | 'seriesId' | 'readers'>[],
  names: ReadonlyMap<string, string>,
): SentItem[] {
  return items.map((item) => {
    const key = targetKey(item);
    return {
      itemId: item.id,
      name: names.get(key) ?? key.replace(':', ' '),
      readers: item.readers.map((reader) => reader.displayName),
    };
  });
}

// The server's wording (quality/assign-readers.ts).
const TOO_FEW_READERS = /needs (\d+) different readers, but the project has (\d+) annotators?/;

/** What a 409 from POST …/items names in `details.existing` (quality/create-reading-items.ts). */
interface ExistingItem {
  readonly imageId: string | null;
  readonly seriesId: string | null;
  readonly itemId: string;
}

/** A failed POST …/items, told in the terms of the form. */
export function sendProblemOf(error: unknown, names: ReadonlyMap<string, string>): SendProblem {
  if (!(error instanceof ApiRequestError))
    return { message: error instanceof Error ? error.message : String(error), remedy: null };
  const detail = firstDetail(error.details) ?? error.message;
  const tooFew = TOO_FEW_READERS.exec(detail);
  if (tooFew)
    return {
      message: shortfallMessage(Number(tooFew[1]), Number(tooFew[2])),
      remedy: 'add-annotators',
    };
  const existing = error.status === 409 ? existingItemsOf(error.details) : [];
  if (existing.length > 0) {
    const named = existing.map((e) => {
      const key = e.imageId ? `image:${e.imageId}` : `series:${e.seriesId}`;
      return `${names.get(key) ?? key.replace(':', ' ')} (item ${e.itemId})`;
    });
    const verb = named.length === 1 ? 'was' : 'were';
    return { message: `${named.join(', ')} ${verb} sent to readers before.`, remedy: 'refresh' };
  }
  return { message: detail, remedy: null };
}

function existingItemsOf(details: unknown): ExistingItem[] {
  const existing = (details as { existing?: unknown } | null | undefined)?.existing;
  return Array.isArray(existing) ? (existing as ExistingItem[]) : [];
}

function firstDetail(details: unknown): string | undefined {
  if (!Array.isArray(details)) return undefined;
  const first: unknown = details[0];
  if (typeof first !== 'object' || first === null) return undefined;
  const message = (first as { message?: unknown }).message;
  return typeof message === 'string' ? message : undefined;
}

/**
 * Said before sending when the project cannot give each item enough different readers: the server would
 * refuse. Only members with the annotator role read items.
 */
export function readerShortfall(readersPerItem: number, members: readonly Member[]): string | null {
  const annotators = members.filter((member) => member.role === 'annotator').length;
  return annotators >= readersPerItem ? null : shortfallMessage(readersPerItem, annotators);
}

function shortfallMessage(needed: number, annotators: number): string {
  const readers = needed === 1 ? '1 reader' : `${needed} different readers`;
  const have = `${annotators} annotator${annotators === 1 ? '' : 's'}`;
  return `Each item needs ${readers}, but the project has ${have}.`;
}
