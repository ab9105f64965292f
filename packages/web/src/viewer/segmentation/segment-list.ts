import type { Segment } from '@voxelhub/core/annotation';

/** Cornerstone's stack labelmap images hold 8 bits: segment values 1–255 (0 is background). */
export const MAX_SEGMENT_INDEX = 255;

/**
 * Colours for new segments, distinct on a grey image and from each other (the first ones match the
 * usual "red, green, blue, yellow…" of segmentation tools, so a second reader finds the same colours).
 */
export const SEGMENT_PALETTE: readonly string[] = [
  '#e6194b',
  '#3cb44b',
  '#4363d8',
  '#ffe119',
  '#f58231',
  '#911eb4',
  '#42d4f4',
  '#f032e6',
  '#bfef45',
  '#fabed4',
  '#469990',
  '#dcbeff',
];

/** The lowest segment value not in use, or undefined when all 255 are taken. */
export function nextSegmentIndex(segments: readonly Pick<Segment, 'index'>[]): number | undefined {
  const used = new Set(segments.map((s) => s.index));
  for (let index = 1; index <= MAX_SEGMENT_INDEX; index++) if (!used.has(index)) return index;
  return undefined;
}

/** The palette colour for a segment value, cycling: segment 1 gets the first colour. */
export function paletteColour(index: number): string {
  return SEGMENT_PALETTE[(index - 1) % SEGMENT_PALETTE.length]!;
}

/** The segments sorted by value, and the active one kept if it is still there (else the first). */
export function withSegments(
  next: readonly Segment[],
  active: number | undefined,
): { segments: Segment[]; active: number | undefined } {
  const segments = [...next].sort((a, b) => a.index - b.index);
  return {
    segments,
    active: active !== undefined && segments.some((s) => s.index === active) ? active : segments[0]?.index,
  };
}

/** `#rrggbb` as Cornerstone's [r, g, b, a] colour (0–255 each). */
export function rgbaOfHex(hex: string, alpha = 255): [number, number, number, number] {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) throw new Error(`colour ${hex} is not written #rrggbb`);
  return [
    Number.parseInt(match[1]!, 16),
    Number.parseInt(match[2]!, 16),
    Number.parseInt(match[3]!, 16),
    alpha,
  ];
}
