import type { ApiClient } from '../api/api-client.js';
import type { ImagePage, ImageRecord } from '../api/api-types.js';
import { everyPage } from './every-page.js';
import { seriesUidKey, targetKey } from './reading-candidates.js';

/** What the send form lists besides the studies: the loose images, and what is an item already. */
export interface SendSources {
  /** The project's NIfTI, PNG and JPEG images. */
  readonly images: readonly ImageRecord[];
  /** Keys of the images and series that are items already (sentTargets). */
  readonly sent: ReadonlySet<string>;
}

// The routes' largest pages (image-routes.ts: 1000; quality-schemas.ts listItemsQuery: 500).
const IMAGE_PAGE = 1000;
const ITEM_PAGE = 500;
const LOOSE_FORMATS = ['nifti', 'png', 'jpeg'] as const;

/** An item, as far as what it is of goes. */
export interface ItemRef {
  readonly imageId: string | null;
  readonly seriesId: string | null;
  /** The enclosing series of an image item that is a DICOM instance. */
  readonly seriesUid: string | null;
}

/** Loads every loose image and every item of the project, through the given client. */
export async function loadSendSources(client: ApiClient, projectId: string): Promise<SendSources> {
  const base = projectBase(projectId);
  const [imageLists, items] = await Promise.all([
    Promise.all(
      LOOSE_FORMATS.map((format) =>
        everyPage(async (offset, limit) => {
          const page = await client.get<ImagePage>(
            `${base}/images?format=${format}&limit=${limit}&offset=${offset}`,
          );
          return { rows: page.images, total: page.total };
        }, IMAGE_PAGE),
      ),
    ),
    everyPage(async (offset, limit) => {
      const page = await client.get<{ items: ItemRef[]; total: number }>(
        `${base}/items?limit=${limit}&offset=${offset}`,
      );
      return { rows: page.items, total: page.total };
    }, ITEM_PAGE),
  ]);
  return { images: imageLists.flat(), sent: sentTargets(items) };
}

/**
 * The keys of existing items: each one's image or series, and for an image inside a series also that
 * series' UID, which is how a series of one instance recognises its image's item.
 */
export function sentTargets(items: readonly ItemRef[]): Set<string> {
  const keys = new Set<string>();
  for (const item of items) {
    keys.add(targetKey(item));
    if (item.imageId && item.seriesUid) keys.add(seriesUidKey(item.seriesUid));
  }
  return keys;
}

/** The id of the one image of a series (a DICOM series of one instance), through the given client. */
export async function onlyImageOf(client: ApiClient, projectId: string, seriesId: string): Promise<string> {
  const page = await client.get<ImagePage>(
    `${projectBase(projectId)}/images?seriesId=${encodeURIComponent(seriesId)}&limit=2`,
  );
  const [image] = page.images;
  if (!image || page.total !== 1)
    throw new RangeError(`series ${seriesId} has ${page.total} images, not one: reload the page`);
  return image.id;
}

function projectBase(projectId: string): string {
  return `/api/projects/${encodeURIComponent(projectId)}`;
}
