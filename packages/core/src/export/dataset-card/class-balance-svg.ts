import type { ClassBalanceBar } from './class-balance.js';
import { escapeHtml } from './escape-html.js';

/** Layout of the chart in SVG user units. */
export const CLASS_BALANCE_SVG = {
  labelWidth: 160,
  barWidth: 280,
  valueWidth: 60,
  rowHeight: 24,
  barHeight: 16,
} as const;

const { labelWidth, barWidth, valueWidth, rowHeight, barHeight } = CLASS_BALANCE_SVG;

/** Bar widths are rounded to 0.1 unit: finer than any screen, and short in the markup. */
function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

/**
 * An inline SVG horizontal bar chart: one row per label with its name, a bar of `fraction × barWidth`
 * units in the label's colour, and the count as text. Screen readers get the chart's <title>, an
 * aria-label that lists every value, and the text elements; nothing depends on the colours.
 */
export function classBalanceSvg(bars: readonly ClassBalanceBar[]): string {
  const height = Math.max(1, bars.length) * rowHeight;
  const width = labelWidth + barWidth + valueWidth;
  const description = `Annotations per label: ${bars.map((b) => `${b.labelName} ${b.annotations}`).join(', ')}`;
  const rows = bars.map((bar, i) => {
    const y = i * rowHeight;
    const textY = y + rowHeight / 2;
    return [
      `<g>`,
      `<text x="${labelWidth - 8}" y="${textY}" text-anchor="end" dominant-baseline="middle">${escapeHtml(bar.labelName)}</text>`,
      `<rect x="${labelWidth}" y="${y + (rowHeight - barHeight) / 2}" width="${round1(bar.fraction * barWidth)}" height="${barHeight}" fill="${escapeHtml(bar.colour)}"></rect>`,
      `<text x="${labelWidth + barWidth + 8}" y="${textY}" dominant-baseline="middle">${bar.annotations}</text>`,
      `</g>`,
    ].join('');
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" aria-label="${escapeHtml(description)}">`,
    `<title>${escapeHtml(description)}</title>`,
    ...rows,
    `</svg>`,
  ].join('\n');
}
