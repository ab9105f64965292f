/**
 * One colour per reader, by their position in the item's reader list: the Okabe–Ito palette, which stays
 * distinct for the common colour-vision deficiencies, then repeats. The consensus is white.
 */
const PALETTE = [
  '#E69F00',
  '#56B4E9',
  '#009E73',
  '#F0E442',
  '#CC79A7',
  '#D55E00',
  '#0072B2',
  '#999999',
] as const;

export const CONSENSUS_COLOUR = '#FFFFFF';

export function readerColour(index: number): string {
  if (!Number.isInteger(index) || index < 0)
    throw new RangeError(`a reader index is 0 or more, got ${index}`);
  return PALETTE[index % PALETTE.length]!;
}
