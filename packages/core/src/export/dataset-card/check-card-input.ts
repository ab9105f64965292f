import { SPLITS } from '../export-dataset.js';
import { type DatasetCardInput, DEIDENTIFICATION_PROFILE } from './dataset-card-input.js';

/**
 * Throws a TypeError when a field has the wrong type and a RangeError when its value cannot be right, naming
 * the field, so a card is never written from a half-filled input. Input usually comes from the server's
 * JSON, where a missing field is easy to miss.
 */
export function checkCardInput(input: DatasetCardInput): void {
  if (typeof input !== 'object' || input === null)
    throw new TypeError('datasetCard: input must be an object');
  requireText(input.dataset?.name, 'dataset.name');
  if (!Array.isArray(input.dataset.labels))
    throw new TypeError('datasetCard: dataset.labels must be an array');
  requireText(input.version?.name, 'version.name');
  requireString(input.version.note, 'version.note');
  requireText(input.version.contentHash, 'version.contentHash');
  requireText(input.version.createdAt, 'version.createdAt');
  if (Number.isNaN(Date.parse(input.version.createdAt))) {
    throw new RangeError(`datasetCard: version.createdAt is not a date: '${input.version.createdAt}'`);
  }
  if (input.version.previous !== undefined) requireText(input.version.previous, 'version.previous');
  requireText(input.project?.name, 'project.name');
  requireString(input.project.description, 'project.description');
  requireText(input.license?.name, 'license.name');
  if (input.license.url !== undefined) requireText(input.license.url, 'license.url');
  requireText(input.citation?.text, 'citation.text');
  if (input.citation.bibtex !== undefined) requireText(input.citation.bibtex, 'citation.bibtex');
  checkAnnotators(input.annotators);
  checkAgreement(input.agreement);
  checkDeidentification(input.deidentification);
  checkSplits(input.splits);
}

function requireString(value: unknown, field: string): asserts value is string {
  if (typeof value !== 'string') {
    throw new TypeError(`datasetCard: ${field} must be a string, got ${typeof value}`);
  }
}

function requireText(value: unknown, field: string): asserts value is string {
  requireString(value, field);
  if (value.trim() === '') throw new RangeError(`datasetCard: ${field} must not be empty`);
}

function requireCount(value: unknown, field: string): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new RangeError(`datasetCard: ${field} must be a non-negative integer, got ${String(value)}`);
  }
}

function requireFinite(value: unknown, field: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new RangeError(`datasetCard: ${field} must be a finite number, got ${String(value)}`);
  }
}

function requireNumberOrNull(value: unknown, field: string): void {
  if (value !== null && (typeof value !== 'number' || !Number.isFinite(value))) {
    throw new RangeError(`datasetCard: ${field} must be a finite number or null, got ${String(value)}`);
  }
}

function checkAnnotators(annotators: DatasetCardInput['annotators']): void {
  if (!Array.isArray(annotators)) throw new TypeError('datasetCard: annotators must be an array');
  annotators.forEach((annotator, i) => {
    requireText(annotator?.displayName, `annotators[${i}].displayName`);
    requireCount(annotator.itemsDone, `annotators[${i}].itemsDone`);
  });
}

function checkAgreement(agreement: DatasetCardInput['agreement']): void {
  if (agreement === undefined) return;
  if (!Array.isArray(agreement)) throw new TypeError('datasetCard: agreement must be an array');
  agreement.forEach((label, i) => {
    const at = `agreement[${i}]`;
    requireText(label?.labelName, `${at}.labelName`);
    requireText(label.metric, `${at}.metric`);
    requireNumberOrNull(label.mean, `${at}.mean`);
    requireCount(label.n, `${at}.n`);
    requireFinite(label.threshold, `${at}.threshold`);
    requireCount(label.belowThreshold, `${at}.belowThreshold`);
    if (label.krippendorffAlpha !== undefined) {
      requireNumberOrNull(label.krippendorffAlpha.estimate, `${at}.krippendorffAlpha.estimate`);
      requireNumberOrNull(label.krippendorffAlpha.lower, `${at}.krippendorffAlpha.lower`);
      requireNumberOrNull(label.krippendorffAlpha.upper, `${at}.krippendorffAlpha.upper`);
    }
  });
}

function checkDeidentification(deidentification: DatasetCardInput['deidentification']): void {
  if (typeof deidentification?.required !== 'boolean') {
    throw new TypeError('datasetCard: deidentification.required must be a boolean');
  }
  if (deidentification.profile !== DEIDENTIFICATION_PROFILE) {
    throw new RangeError(
      `datasetCard: deidentification.profile must be '${DEIDENTIFICATION_PROFILE}', got '${String(deidentification.profile)}'`,
    );
  }
  if (!Array.isArray(deidentification.options)) {
    throw new TypeError('datasetCard: deidentification.options must be an array of option ids');
  }
  deidentification.options.forEach((option, i) => {
    requireText(option, `deidentification.options[${i}]`);
  });
}

function checkSplits(splits: DatasetCardInput['splits']): void {
  if (!Array.isArray(splits)) throw new TypeError('datasetCard: splits must be an array (summariseSplits)');
  const names = splits.map((s) => s?.split);
  if (names.length !== SPLITS.length || SPLITS.some((split, i) => names[i] !== split)) {
    throw new RangeError(
      `datasetCard: splits must be summariseSplits' output, one per split in the order ${SPLITS.join(', ')}; got ${names.join(', ')}`,
    );
  }
}
