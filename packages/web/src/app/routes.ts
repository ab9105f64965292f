/**
 * Whose annotations the viewer shows, read from the address's query (`?author=<userId>&item=<itemId>`):
 * absent, everyone's. `itemId` names the quality item the reviewer came from, for the way back (issue 6).
 */
export interface AuthorFilter {
  readonly authorId?: string;
  readonly itemId?: string;
}

/** The app's screens, as parsed from the address bar; the inverse of `pathOf`. */
export type Route =
  | { readonly name: 'projects' }
  /** The catalog of public datasets (issue 8); `search` is its query, `?q=…&modality=…`. */
  | { readonly name: 'catalog'; readonly search: string }
  | { readonly name: 'project'; readonly projectId: string }
  | ({
      readonly name: 'viewer';
      readonly projectId: string;
      readonly studyUid: string;
      readonly seriesUid: string;
    } & AuthorFilter)
  | ({ readonly name: 'image'; readonly projectId: string; readonly imageId: string } & AuthorFilter)
  | { readonly name: 'quality'; readonly projectId: string }
  | { readonly name: 'quality-review'; readonly projectId: string }
  | { readonly name: 'quality-item'; readonly projectId: string; readonly itemId: string }
  /** Dataset versions and their exports (issue 7). */
  | { readonly name: 'versions'; readonly projectId: string }
  | { readonly name: 'not-found'; readonly path: string };

const PROJECT = /^\/projects\/([^/]+)\/?$/;
const VIEWER = /^\/projects\/([^/]+)\/studies\/([^/]+)\/series\/([^/]+)\/?$/;
const IMAGE = /^\/projects\/([^/]+)\/images\/([^/]+)\/?$/;
const QUALITY = /^\/projects\/([^/]+)\/quality\/?$/;
const QUALITY_REVIEW = /^\/projects\/([^/]+)\/quality\/review\/?$/;
const QUALITY_ITEM = /^\/projects\/([^/]+)\/quality\/items\/([^/]+)\/?$/;
const VERSIONS = /^\/projects\/([^/]+)\/versions\/?$/;

/** Reads an address (a path, optionally with `?query` and `#hash`); only the viewer routes read the query. */
export function parseRoute(address: string): Route {
  const { path, query } = splitAddress(address);
  if (path === '/' || path === '/projects' || path === '/projects/') return { name: 'projects' };
  if (path === '/catalog' || path === '/catalog/') {
    const search = query.toString();
    return { name: 'catalog', search: search ? `?${search}` : '' };
  }
  const project = PROJECT.exec(path);
  if (project) return { name: 'project', projectId: decodeURIComponent(project[1]!) };
  const viewer = VIEWER.exec(path);
  if (viewer)
    return {
      name: 'viewer',
      projectId: decodeURIComponent(viewer[1]!),
      studyUid: decodeURIComponent(viewer[2]!),
      seriesUid: decodeURIComponent(viewer[3]!),
      ...authorFilterOf(query),
    };
  const image = IMAGE.exec(path);
  if (image)
    return {
      name: 'image',
      projectId: decodeURIComponent(image[1]!),
      imageId: decodeURIComponent(image[2]!),
      ...authorFilterOf(query),
    };
  const versions = VERSIONS.exec(path);
  if (versions) return { name: 'versions', projectId: decodeURIComponent(versions[1]!) };
  return parseQualityRoute(path) ?? { name: 'not-found', path };
}

function splitAddress(address: string): { path: string; query: URLSearchParams } {
  const withoutHash = address.split('#', 1)[0]!;
  const mark = withoutHash.indexOf('?');
  if (mark < 0) return { path: withoutHash, query: new URLSearchParams() };
  return { path: withoutHash.slice(0, mark), query: new URLSearchParams(withoutHash.slice(mark + 1)) };
}

/** `author` and `item` of the query; an empty value is no filter (an address cut short). */
function authorFilterOf(query: URLSearchParams): AuthorFilter {
  const authorId = query.get('author')?.trim();
  const itemId = query.get('item')?.trim();
  return { ...(authorId ? { authorId } : {}), ...(itemId ? { itemId } : {}) };
}

/** The query that `authorFilterOf` reads back: `?author=…&item=…`, or nothing. */
function authorQueryOf(filter: AuthorFilter): string {
  const query = new URLSearchParams();
  if (filter.authorId) query.set('author', filter.authorId);
  if (filter.itemId) query.set('item', filter.itemId);
  const text = query.toString();
  return text ? `?${text}` : '';
}

/** The quality dashboard, the review queue and one item's review screen (issue 6). */
function parseQualityRoute(path: string): Route | undefined {
  const quality = QUALITY.exec(path);
  if (quality) return { name: 'quality', projectId: decodeURIComponent(quality[1]!) };
  const review = QUALITY_REVIEW.exec(path);
  if (review) return { name: 'quality-review', projectId: decodeURIComponent(review[1]!) };
  const item = QUALITY_ITEM.exec(path);
  if (item)
    return {
      name: 'quality-item',
      projectId: decodeURIComponent(item[1]!),
      itemId: decodeURIComponent(item[2]!),
    };
  return undefined;
}

/** The address of a screen: its path, and for the viewer routes the author filter as a query. */
export function pathOf(route: Exclude<Route, { name: 'not-found' }>): string {
  const e = encodeURIComponent;
  switch (route.name) {
    case 'projects':
      return '/';
    case 'catalog':
      return `/catalog${route.search}`;
    case 'project':
      return `/projects/${e(route.projectId)}`;
    case 'viewer':
      return `/projects/${e(route.projectId)}/studies/${e(route.studyUid)}/series/${e(route.seriesUid)}${authorQueryOf(route)}`;
    case 'image':
      return `/projects/${e(route.projectId)}/images/${e(route.imageId)}${authorQueryOf(route)}`;
    case 'quality':
      return `/projects/${e(route.projectId)}/quality`;
    case 'quality-review':
      return `/projects/${e(route.projectId)}/quality/review`;
    case 'quality-item':
      return `/projects/${e(route.projectId)}/quality/items/${e(route.itemId)}`;
    case 'versions':
      return `/projects/${e(route.projectId)}/versions`;
  }
}
