import { maskLabelsOnSlice } from './mask-layers.js';
import { annotatedSlices, type PlacedShape, shapesOnSlice } from './payload-shapes.js';
import { type ItemDetail, maskPngPath } from './quality-api.js';
import { CONSENSUS_COLOUR, readerColour } from './reader-colours.js';

/** The mask route's name for the consensus as a source. */
export const CONSENSUS_SOURCE = 'consensus';

/** One source's drawing on a slice: a reader's annotations or the consensus, in its colour. */
export interface ReviewLayer {
  /** A reader's userId, or CONSENSUS_SOURCE. */
  readonly sourceId: string;
  readonly name: string;
  readonly colour: string;
  /** 1-based key that accepts this reader (none for the consensus). */
  readonly number: number | null;
  readonly shapes: readonly PlacedShape[];
  readonly maskUrls: readonly { readonly labelId: string; readonly url: string }[];
}

/**
 * Every source of the item in a fixed order (the readers as the item lists them, then the consensus when
 * there is one), drawn on slice k. A reader without annotations still gets a layer: "nothing drawn" is
 * something the reviewer must see.
 */
export function reviewLayers(projectId: string, detail: ItemDetail, slice: number): ReviewLayer[] {
  const byReader = new Map(detail.annotations.map((r) => [r.readerId, r.annotations]));
  const layers: ReviewLayer[] = detail.item.readers.map((reader, index) => {
    const annotations = byReader.get(reader.userId) ?? [];
    return {
      sourceId: reader.userId,
      name: reader.displayName,
      colour: readerColour(index),
      number: index + 1,
      shapes: shapesOnSlice(annotations, slice),
      maskUrls: masks(projectId, detail, annotations, reader.userId, slice),
    };
  });
  if (detail.consensus)
    layers.push({
      sourceId: CONSENSUS_SOURCE,
      name: `Consensus (${detail.consensus.status})`,
      colour: CONSENSUS_COLOUR,
      number: null,
      shapes: shapesOnSlice(detail.consensusAnnotations, slice),
      maskUrls: masks(projectId, detail, detail.consensusAnnotations, CONSENSUS_SOURCE, slice),
    });
  return layers;
}

function masks(
  projectId: string,
  detail: ItemDetail,
  annotations: ItemDetail['consensusAnnotations'],
  source: string,
  slice: number,
): { labelId: string; url: string }[] {
  return masksOnSlice(detail.maskSlices, annotations, source, slice).map((labelId) => ({
    labelId,
    url: maskPngPath(projectId, detail.item.id, labelId, source, slice),
  }));
}

/**
 * The labels a source has a mask of on slice k. Where the server listed the slices of a (label, source) it
 * read, they decide, so an empty PNG is never asked for (a label map's other slices); a label it could not
 * read (no list) falls back to what the payloads say (mask-layers.ts), so a mask is never hidden.
 */
export function masksOnSlice(
  maskSlices: ItemDetail['maskSlices'],
  annotations: ItemDetail['consensusAnnotations'],
  source: string,
  slice: number,
): string[] {
  const listed = maskSlices.filter((m) => m.source === source);
  const known = new Set(listed.map((m) => m.labelId));
  const marked = listed.filter((m) => m.slices.includes(slice)).map((m) => m.labelId);
  const guessed = maskLabelsOnSlice(annotations, slice).filter((labelId) => !known.has(labelId));
  return [...new Set([...marked, ...guessed])];
}

/** The sources shown when the screen opens: every reader, not the consensus (it has its own panel). */
export function initiallyVisible(detail: ItemDetail): Set<string> {
  return new Set(detail.item.readers.map((r) => r.userId));
}

/**
 * The slice to open on: the first with anything drawn by any source (a vector annotation, or a mask where
 * the server's maskSlices found one), else the middle.
 */
export function startSlice(detail: ItemDetail, count: number): number {
  if (count <= 0) return 0;
  const all = [...detail.annotations.flatMap((r) => r.annotations), ...detail.consensusAnnotations];
  const drawn = [...annotatedSlices(all), ...detail.maskSlices.flatMap((m) => m.slices)];
  const inside = drawn.filter((k) => Number.isInteger(k) && k >= 0 && k < count);
  return inside.length > 0 ? inside.reduce((a, b) => Math.min(a, b)) : Math.floor((count - 1) / 2);
}
