import { cardHtml } from './card-html.js';
import { cardMarkdown } from './card-markdown.js';
import { checkCardInput } from './check-card-input.js';
import type { DatasetCardInput } from './dataset-card-input.js';

export interface DatasetCard {
  /** GitHub-flavoured Markdown, e.g. a README.md shipped with the export. */
  readonly markdown: string;
  /** A standalone HTML document: inline styles and SVG, no external resources. */
  readonly html: string;
}

/**
 * The dataset card of one dataset version, in Markdown and in HTML, with the same content: overview,
 * counts per split, modality and label, class balance, annotators, agreement, de-identification, licence
 * and citation. Pure and deterministic (no clock: the date shown is the version's). Throws a TypeError or
 * RangeError naming the field when the input is incomplete (see checkCardInput). Contents: docs/dataset-card.md.
 */
export function datasetCard(input: DatasetCardInput): DatasetCard {
  checkCardInput(input);
  return { markdown: cardMarkdown(input), html: cardHtml(input) };
}
