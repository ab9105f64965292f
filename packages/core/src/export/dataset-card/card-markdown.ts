import { agreementTable, annotatorTable, labelTable, modalityTable, splitTable } from './card-tables.js';
import {
  deidentificationText,
  generatedByLine,
  NO_AGREEMENT,
  NO_ANNOTATORS,
  safeUrl,
  totals,
  versionLine,
} from './card-text.js';
import { classBalance, unicodeBar } from './class-balance.js';
import type { DatasetCardInput } from './dataset-card-input.js';
import { type CardTable, markdownTable } from './markdown-table.js';

/** Characters of the longest class-balance bar. */
export const MARKDOWN_BAR_WIDTH = 20;

/**
 * The card as GitHub-flavoured Markdown. Table cells are escaped; the project description and the version
 * note are the user's own Markdown and go in as written.
 */
export function cardMarkdown(input: DatasetCardInput): string {
  return `${[
    `# ${input.dataset.name}`,
    overviewSection(input),
    section('Splits', markdownTable(splitTable(input.splits))),
    section('Modalities', markdownTable(modalityTable(input.splits))),
    section('Labels', markdownTable(labelTable(input))),
    section('Class balance', classBalanceMarkdown(input)),
    section('Annotators', tableOr(annotatorTable(input), NO_ANNOTATORS)),
    section('Agreement', agreementMarkdown(input)),
    section('De-identification', deidentificationMarkdown(input)),
    section('License', licenseMarkdown(input)),
    section('How to cite', citationMarkdown(input)),
    `---\n\n_${generatedByLine(input)}_`,
  ].join('\n\n')}\n`;
}

function section(heading: string, body: string): string {
  return `## ${heading}\n\n${body}`;
}

function tableOr(table: CardTable, empty: string): string {
  return table.rows.length === 0 ? empty : markdownTable(table);
}

function overviewSection(input: DatasetCardInput): string {
  const { subjects, images, annotations } = totals(input);
  const facts: CardTable = {
    headers: ['Property', 'Value'],
    rows: [
      ['Project', input.project.name],
      ['Version', versionLine(input)],
      ['Created', input.version.createdAt],
      ['Content hash', input.version.contentHash],
      ['Subjects', String(subjects)],
      ['Images', String(images)],
      ['Annotations', String(annotations)],
      ['Labels', String(input.dataset.labels.length)],
    ],
    numeric: [false, false],
  };
  const parts = [input.project.description.trim(), markdownTable(facts)];
  if (input.version.note.trim() !== '') parts.push(quote(`Version note: ${input.version.note.trim()}`));
  return parts.filter((part) => part !== '').join('\n\n');
}

function quote(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => (line === '' ? '>' : `> ${line}`))
    .join('\n');
}

function classBalanceMarkdown(input: DatasetCardInput): string {
  const bars = classBalance(input.dataset.labels, input.splits);
  const table: CardTable = {
    headers: ['Label', 'Annotations', 'Relative to the largest'],
    rows: bars.map((bar) => [
      bar.labelName,
      String(bar.annotations),
      unicodeBar(bar.fraction, MARKDOWN_BAR_WIDTH),
    ]),
    numeric: [false, true, false],
  };
  return tableOr(table, 'The schema has no labels.');
}

function agreementMarkdown(input: DatasetCardInput): string {
  const agreement = input.agreement ?? [];
  return agreement.length === 0 ? NO_AGREEMENT : markdownTable(agreementTable(agreement));
}

function deidentificationMarkdown(input: DatasetCardInput): string {
  const text = deidentificationText(input);
  return input.deidentification.required ? text : quote(`⚠️ **${text}**`);
}

function licenseMarkdown(input: DatasetCardInput): string {
  const url = safeUrl(input.license.url);
  const name = input.license.name.trim();
  return url === undefined ? name : `${name}\n\n<${url}>`;
}

function citationMarkdown(input: DatasetCardInput): string {
  const parts = [input.citation.text.trim()];
  if (input.citation.bibtex !== undefined) parts.push(fenced('bibtex', input.citation.bibtex.trim()));
  return parts.join('\n\n');
}

/** A fenced block whose fence is longer than any backtick run inside, so the content cannot close it. */
function fenced(language: string, content: string): string {
  const longestRun = Math.max(0, ...(content.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  return `${fence}${language}\n${content}\n${fence}`;
}
