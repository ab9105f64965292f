import { type AuthorFilter, pathOf } from '../app/routes.js';
import { CONSENSUS_AUTHOR_ID } from '../viewer/annotate/author-filter.js';
import type { QualityItem } from './quality-api.js';
import { CONSENSUS_SOURCE } from './review-layers.js';

type ViewedItem = Pick<QualityItem, 'imageId' | 'studyUid' | 'seriesUid'>;

/**
 * Where the viewer shows an item: its DICOM series when it has one (a DICOM image item too: the viewer opens
 * series), else the stored image (NIfTI, PNG, JPEG). Null when the item names neither. `filter` narrows the
 * viewer to one author's annotations (`?author=…&item=…`).
 */
export function viewerPathOf(projectId: string, item: ViewedItem, filter: AuthorFilter = {}): string | null {
  if (item.studyUid && item.seriesUid)
    return pathOf({
      name: 'viewer',
      projectId,
      studyUid: item.studyUid,
      seriesUid: item.seriesUid,
      ...filter,
    });
  if (item.imageId) return pathOf({ name: 'image', projectId, imageId: item.imageId, ...filter });
  return null;
}

/**
 * The viewer with only the consensus's annotations (the server's Consensus account made them), and the way
 * back to this item's review screen: where the reviewer edits the consensus before accepting it.
 */
export function consensusViewerPathOf(
  projectId: string,
  item: ViewedItem & Pick<QualityItem, 'id'>,
): string | null {
  return sourceViewerPathOf(projectId, item, CONSENSUS_SOURCE);
}

/** The viewer with one review source's annotations: a reader's (by userId) or the consensus (CONSENSUS_SOURCE). */
export function sourceViewerPathOf(
  projectId: string,
  item: ViewedItem & Pick<QualityItem, 'id'>,
  sourceId: string,
): string | null {
  const authorId = sourceId === CONSENSUS_SOURCE ? CONSENSUS_AUTHOR_ID : sourceId;
  return viewerPathOf(projectId, item, { authorId, itemId: item.id });
}

export function reviewPathOf(projectId: string, itemId: string): string {
  return pathOf({ name: 'quality-item', projectId, itemId });
}
