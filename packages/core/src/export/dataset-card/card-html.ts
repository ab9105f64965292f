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
import { classBalance } from './class-balance.js';
import { classBalanceSvg } from './class-balance-svg.js';
import type { DatasetCardInput } from './dataset-card-input.js';
import { escapeHtml } from './escape-html.js';
import type { CardTable } from './markdown-table.js';

/** Small enough to read in the source; no fonts, images or scripts are fetched. */
const STYLESHEET = `
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #1a1a1a; line-height: 1.5; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; }
th, td { border: 1px solid #ccc; padding: 0.25rem 0.6rem; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; }
pre { background: #f6f6f6; padding: 0.75rem; overflow-x: auto; }
.warning { border: 2px solid #b00020; background: #fdecee; padding: 0.75rem; font-weight: bold; }
.note { border-left: 4px solid #999; padding-left: 0.75rem; white-space: pre-wrap; }
.description { white-space: pre-wrap; }
svg text { font: 13px system-ui, sans-serif; fill: #1a1a1a; }
footer { margin-top: 2rem; color: #555; font-size: 0.9rem; }
`.trim();

/** The card as one standalone HTML5 document: inline stylesheet and SVG, every user string escaped. */
export function cardHtml(input: DatasetCardInput): string {
  const title = escapeHtml(input.dataset.name);
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${title}: dataset card</title>`,
    `<style>\n${STYLESHEET}\n</style>`,
    '</head>',
    '<body>',
    '<main>',
    `<h1>${title}</h1>`,
    overviewHtml(input),
    section('Splits', tableHtml(splitTable(input.splits))),
    section('Modalities', tableHtml(modalityTable(input.splits))),
    section('Labels', tableHtml(labelTable(input))),
    section('Class balance', classBalanceSvg(classBalance(input.dataset.labels, input.splits))),
    section('Annotators', tableOr(annotatorTable(input), NO_ANNOTATORS)),
    section('Agreement', tableOr(agreementTable(input.agreement ?? []), NO_AGREEMENT)),
    section('De-identification', deidentificationHtml(input)),
    section('License', licenseHtml(input)),
    section('How to cite', citationHtml(input)),
    '</main>',
    `<footer><p>${escapeHtml(generatedByLine(input))}</p></footer>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function section(heading: string, body: string): string {
  return `<section>\n<h2>${escapeHtml(heading)}</h2>\n${body}\n</section>`;
}

function paragraph(text: string, className?: string): string {
  const attribute = className === undefined ? '' : ` class="${className}"`;
  return `<p${attribute}>${escapeHtml(text)}</p>`;
}

function tableOr(table: CardTable, empty: string): string {
  return table.rows.length === 0 ? paragraph(empty) : tableHtml(table);
}

function tableHtml(table: CardTable): string {
  const cellClass = (column: number) => (table.numeric[column] ? ' class="number"' : '');
  const header = table.headers
    .map((text, column) => `<th scope="col"${cellClass(column)}>${escapeHtml(text)}</th>`)
    .join('');
  const rows = table.rows.map(
    (row) =>
      `<tr>${row.map((text, column) => `<td${cellClass(column)}>${escapeHtml(text)}</td>`).join('')}</tr>`,
  );
  return [`<table>`, `<thead><tr>${header}</tr></thead>`, '<tbody>', ...rows, '</tbody>', '</table>'].join(
    '\n',
  );
}

function overviewHtml(input: DatasetCardInput): string {
  const { subjects, images, annotations } = totals(input);
  const facts: [string, string][] = [
    ['Project', input.project.name],
    ['Version', versionLine(input)],
    ['Created', input.version.createdAt],
    ['Content hash', input.version.contentHash],
    ['Subjects', String(subjects)],
    ['Images', String(images)],
    ['Annotations', String(annotations)],
    ['Labels', String(input.dataset.labels.length)],
  ];
  const list = facts.map(([term, value]) => `<dt>${escapeHtml(term)}</dt><dd>${escapeHtml(value)}</dd>`);
  const parts = [`<dl>\n${list.join('\n')}\n</dl>`];
  if (input.project.description.trim() !== '') {
    parts.unshift(paragraph(input.project.description.trim(), 'description'));
  }
  if (input.version.note.trim() !== '') {
    parts.push(paragraph(`Version note: ${input.version.note.trim()}`, 'note'));
  }
  return parts.join('\n');
}

function deidentificationHtml(input: DatasetCardInput): string {
  const text = deidentificationText(input);
  if (!input.deidentification.required) {
    return `<p class="warning" role="alert">⚠️ ${escapeHtml(text)}</p>`;
  }
  return paragraph(text);
}

function licenseHtml(input: DatasetCardInput): string {
  const url = safeUrl(input.license.url);
  const name = escapeHtml(input.license.name.trim());
  if (url === undefined) return `<p class="description">${name}</p>`;
  return `<p class="description">${name}</p>\n<p><a href="${escapeHtml(url)}">${escapeHtml(url)}</a></p>`;
}

function citationHtml(input: DatasetCardInput): string {
  const parts = [paragraph(input.citation.text.trim(), 'description')];
  if (input.citation.bibtex !== undefined) {
    parts.push(`<pre><code class="language-bibtex">${escapeHtml(input.citation.bibtex.trim())}</code></pre>`);
  }
  return parts.join('\n');
}
