/** The app's screens, as parsed from the address bar; the inverse of `pathOf`. */
export type Route =
  | { readonly name: 'projects' }
  | { readonly name: 'project'; readonly projectId: string }
  | {
      readonly name: 'viewer';
      readonly projectId: string;
      readonly studyUid: string;
      readonly seriesUid: string;
    }
  | { readonly name: 'image'; readonly projectId: string; readonly imageId: string }
  | { readonly name: 'quality'; readonly projectId: string }
  | { readonly name: 'quality-review'; readonly projectId: string }
  | { readonly name: 'quality-item'; readonly projectId: string; readonly itemId: string }
  | { readonly name: 'not-found'; readonly path: string };

const PROJECT = /^\/projects\/([^/]+)\/?$/;
const VIEWER = /^\/projects\/([^/]+)\/studies\/([^/]+)\/series\/([^/]+)\/?$/;
const IMAGE = /^\/projects\/([^/]+)\/images\/([^/]+)\/?$/;
const QUALITY = /^\/projects\/([^/]+)\/quality\/?$/;
const QUALITY_REVIEW = /^\/projects\/([^/]+)\/quality\/review\/?$/;
const QUALITY_ITEM = /^\/projects\/([^/]+)\/quality\/items\/([^/]+)\/?$/;

export function parseRoute(path: string): Route {
  if (path === '/' || path === '/projects' || path === '/projects/') return { name: 'projects' };
  const project = PROJECT.exec(path);
  if (project) return { name: 'project', projectId: decodeURIComponent(project[1]!) };
  const viewer = VIEWER.exec(path);
  if (viewer)
    return {
      name: 'viewer',
      projectId: decodeURIComponent(viewer[1]!),
      studyUid: decodeURIComponent(viewer[2]!),
      seriesUid: decodeURIComponent(viewer[3]!),
    };
  const image = IMAGE.exec(path);
  if (image)
    return {
      name: 'image',
      projectId: decodeURIComponent(image[1]!),
      imageId: decodeURIComponent(image[2]!),
    };
  return parseQualityRoute(path) ?? { name: 'not-found', path };
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

export function pathOf(route: Exclude<Route, { name: 'not-found' }>): string {
  const e = encodeURIComponent;
  switch (route.name) {
    case 'projects':
      return '/';
    case 'project':
      return `/projects/${e(route.projectId)}`;
    case 'viewer':
      return `/projects/${e(route.projectId)}/studies/${e(route.studyUid)}/series/${e(route.seriesUid)}`;
    case 'image':
      return `/projects/${e(route.projectId)}/images/${e(route.imageId)}`;
    case 'quality':
      return `/projects/${e(route.projectId)}/quality`;
    case 'quality-review':
      return `/projects/${e(route.projectId)}/quality/review`;
    case 'quality-item':
      return `/projects/${e(route.projectId)}/quality/items/${e(route.itemId)}`;
  }
}
