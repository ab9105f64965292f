import type { ImageRecord, Study } from '../api/api-types.js';

/** What one reading item is of, as POST …/items names it: a series, or one image. */
export type ItemTarget = { readonly seriesId: string } | { readonly imageId: string };

/**
 * What a candidate becomes: an item target, or — for a DICOM series of one instance — the image of that
 * instance, whose id is looked up when it is sent.
 */
export type CandidateTarget = ItemTarget | { readonly onlyImageOf: string };

/** An image or series a manager may send to readers. */
export interface ReadingCandidate {
  /** 'series:<id>' or 'image:<id>': unique across both kinds. */
  readonly key: string;
  readonly target: CandidateTarget;
  /**
   * The keys an existing item of this candidate has (see sentTargets): its own key and, for a series of one
   * instance, 'series-uid:<uid>', which is how an item on that instance is known before its id is.
   */
  readonly sentAs: readonly string[];
  readonly name: string;
  /** Modality, image count, format: what tells two similar names apart. */
  readonly details: string;
  /** Where the list shows it: "DICOM series", "NIfTI images", … */
  readonly group: string;
}

/** The server's limit on items per request (quality-schemas.ts createItemsBody). */
export const MAX_ITEMS_PER_REQUEST = 1000;

export function targetKey(target: {
  readonly imageId?: string | null;
  readonly seriesId?: string | null;
}): string {
  if (target.imageId) return `image:${target.imageId}`;
  if (target.seriesId) return `series:${target.seriesId}`;
  throw new TypeError('an item target names an imageId or a seriesId');
}

export const seriesUidKey = (seriesUid: string) => `series-uid:${seriesUid}`;

const IMAGE_GROUPS: Readonly<Record<string, string>> = {
  nifti: 'NIfTI images',
  png: 'PNG images',
  jpeg: 'JPEG images',
};

/**
 * Everything that can become an item, the way the viewer stores what readers draw on it
 * (viewer/annotate/annotation-place.ts), since an item compares the annotations on its target:
 * - a DICOM series of several instances is annotated as a series: the item is the series;
 * - a DICOM series of one instance (a radiograph, a cine) is annotated on that image: the item is the image;
 * - a NIfTI, PNG or JPEG image belongs to no series and is annotated as itself.
 */
export function readingCandidates(
  studies: readonly Study[],
  images: readonly ImageRecord[],
): ReadingCandidate[] {
  const series = studies.flatMap((study) =>
    study.series.map((s) => {
      const key = targetKey({ seriesId: s.id });
      const single = s.imageCount === 1;
      return {
        key,
        target: single ? { onlyImageOf: s.id } : { seriesId: s.id },
        sentAs: single ? [key, seriesUidKey(s.seriesInstanceUid)] : [key],
        // As the task form names a series: the subject, then the series.
        name: `${study.subject} · ${s.description || s.seriesInstanceUid}`,
        details: [s.modality, `${s.imageCount} image${single ? '' : 's'}`].filter(Boolean).join(', '),
        group: 'DICOM series',
      };
    }),
  );
  const loose = images
    .filter((image) => image.seriesId === null && image.format !== 'dicom')
    .map((image) => {
      const key = targetKey({ imageId: image.id });
      return {
        key,
        target: { imageId: image.id },
        sentAs: [key],
        name: image.id,
        details: [image.format.toUpperCase(), image.modality].filter(Boolean).join(', '),
        group: IMAGE_GROUPS[image.format] ?? `${image.format} images`,
      };
    });
  return [...series, ...loose];
}

/** The candidates no item has yet; `sent` holds the keys of existing items (sentTargets). */
export function unsentCandidates(
  candidates: readonly ReadingCandidate[],
  sent: { has(key: string): boolean },
): ReadingCandidate[] {
  return candidates.filter((c) => !c.sentAs.some((key) => sent.has(key)));
}

/** The candidates in groups, in the order they first appear. */
export function groupCandidates(
  candidates: readonly ReadingCandidate[],
): { readonly group: string; readonly candidates: readonly ReadingCandidate[] }[] {
  const groups = new Map<string, ReadingCandidate[]>();
  for (const candidate of candidates) {
    const list = groups.get(candidate.group) ?? [];
    list.push(candidate);
    groups.set(candidate.group, list);
  }
  return [...groups].map(([group, list]) => ({ group, candidates: list }));
}

/** Candidates whose name or details contain every word of the query, in any case. */
export function matchingCandidates(
  candidates: readonly ReadingCandidate[],
  query: string,
): ReadingCandidate[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return candidates.filter((c) => {
    const text = `${c.name} ${c.details}`.toLowerCase();
    return words.every((word) => text.includes(word));
  });
}

/** Why the selection cannot be sent as it is, or null when it can. */
export function selectionProblem(selected: number): string | null {
  if (selected === 0) return 'pick at least one image or series';
  if (selected > MAX_ITEMS_PER_REQUEST)
    return `send at most ${MAX_ITEMS_PER_REQUEST} at a time (${selected} are picked)`;
  return null;
}

/** What is sent for the picked candidates, in the list's order, and each target's key → the name shown. */
export interface ItemsRequest {
  readonly body: { readonly items: readonly ItemTarget[] };
  readonly names: ReadonlyMap<string, string>;
}

/**
 * The body of POST /api/projects/:id/items for the picked candidates, looking up the image of each series
 * of one instance (`onlyImageOf`, e.g. GET …/images?seriesId=…).
 */
export async function itemsRequest(
  candidates: readonly ReadingCandidate[],
  picked: ReadonlySet<string>,
  onlyImageOf: (seriesId: string) => Promise<string>,
): Promise<ItemsRequest> {
  const chosen = candidates.filter((c) => picked.has(c.key));
  const items = await Promise.all(
    chosen.map(
      async ({ target }): Promise<ItemTarget> =>
        'onlyImageOf' in target ? { imageId: await onlyImageOf(target.onlyImageOf) } : target,
    ),
  );
  const names = new Map<string, string>(candidates.map((c) => [c.key, c.name]));
  for (const [i, item] of items.entries()) names.set(targetKey(item), chosen[i]!.name);
  return { body: { items }, names };
}
