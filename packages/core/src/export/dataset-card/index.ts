/**
 * The dataset card of a dataset version (issue 7): what it holds, how it was annotated and checked,
 * whether it was de-identified, its licence and how to cite it. Contents: docs/dataset-card.md.
 */
export { type ClassBalanceBar, classBalance, unicodeBar } from './class-balance.js';
export { type DatasetCard, datasetCard } from './dataset-card.js';
export {
  type DatasetCardDeidentification,
  type DatasetCardInput,
  type DatasetCardVersion,
  DEIDENTIFICATION_PROFILE,
  type LabelAgreementSummary,
} from './dataset-card-input.js';
export { escapeHtml } from './escape-html.js';
export { escapeMarkdownCell } from './markdown-table.js';
