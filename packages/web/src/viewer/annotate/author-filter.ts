import { type AuthorFilter, pathOf } from '../../app/routes.js';
import type { ViewerAddress } from '../api-images/viewer-address.js';

/**
 * The server's Consensus account (CONSENSUS_USER_ID in the server's storage/migrations/0010-quality.ts): a
 * consensus of several readers is stored as ordinary annotations created by it (issue 6).
 */
export const CONSENSUS_AUTHOR_ID = '00000000-0000-4000-8000-00000000c0de';

/**
 * The query of GET /api/projects/:id/annotations: where (the place's `seriesId=…` or `imageId=…`) and, when
 * the viewer shows one author's annotations only, `authorId=…` (the server matches who created each one, so
 * the consensus keeps showing after a reviewer edits it).
 */
export function annotationListQuery(placeQuery: string, authorId: string | undefined): string {
  if (authorId === undefined) return placeQuery;
  if (authorId.trim() === '') throw new TypeError('annotationListQuery: the author id is empty');
  const author = `authorId=${encodeURIComponent(authorId)}`;
  return placeQuery ? `${placeQuery}&${author}` : author;
}

/** What the banner over a filtered annotation panel says and links to; null when nothing is filtered. */
export type AuthorBanner =
  | {
      /** The consensus: edits change it; the review screen is where it is accepted. */
      readonly kind: 'consensus';
      /** The item's review screen, when the address named the item. */
      readonly reviewPath: string | null;
      /** The same image with everyone's annotations. */
      readonly everyonePath: string;
    }
  | { readonly kind: 'author'; readonly authorId: string; readonly everyonePath: string };

export function authorBannerOf(address: ViewerAddress, filter: AuthorFilter): AuthorBanner | null {
  const { authorId, itemId } = filter;
  if (!authorId) return null;
  const everyonePath = unfilteredPathOf(address);
  if (authorId !== CONSENSUS_AUTHOR_ID) return { kind: 'author', authorId, everyonePath };
  const reviewPath = itemId ? pathOf({ name: 'quality-item', projectId: address.projectId, itemId }) : null;
  return { kind: 'consensus', reviewPath, everyonePath };
}

/**
 * The viewer's address without the author filter. `'imageId' in` rather than isApiImageAddress: viewer-address.ts
 * pulls in the image loaders, and this module stays loadable in node for its tests.
 */
function unfilteredPathOf(address: ViewerAddress): string {
  const { projectId } = address;
  return 'imageId' in address
    ? pathOf({ name: 'image', projectId, imageId: address.imageId })
    : pathOf({ name: 'viewer', projectId, studyUid: address.studyUid, seriesUid: address.seriesUid });
}

/** The banner's headline for another author; a name the viewer could not look up is not guessed. */
export function authorHeadline(displayName: string | null): string {
  return displayName ? `Showing ${displayName}'s annotations only` : "Showing one person's annotations only";
}
