import type { CsaHeader } from './csa-header.js';

/**
 * The ASCCONV block of a Siemens protocol: the `key = value` lines between "### ASCCONV BEGIN" and
 * "### ASCCONV END ###" in the CSA series header's MrPhoenixProtocol (MrProtocol on old software),
 * e.g. 'sSliceArray.lSize' → '35', 'tProtocolName' → 'ax+AF8-asc+AF8-35sl'. Values stay text: numbers
 * as written (decimal or 0x hex), strings without their doubled quotes.
 */
export type Ascconv = Map<string, string>;

const BEGIN = '### ASCCONV BEGIN';
const END = '### ASCCONV END ###';

/** `""text""` → `text` (Siemens doubles the quotes); a value not quoted at both ends is kept. */
function stripQuotes(value: string): string {
  if (value.length < 2 || !value.startsWith('"') || !value.endsWith('"')) return value;
  let start = 0;
  let end = value.length;
  while (start < end && value[start] === '"' && value[end - 1] === '"') {
    start++;
    end--;
  }
  return value.slice(start, end);
}

/** A value without a trailing `# comment`; a '#' inside a quoted string is kept. */
function withoutComment(value: string): string {
  if (value.startsWith('"')) {
    const close = value.lastIndexOf('"');
    return value.slice(0, close + 1);
  }
  const hash = value.indexOf('#');
  return (hash >= 0 ? value.slice(0, hash) : value).trim();
}

/** Parses the ASCCONV block found in `text`; an empty map when there is none. */
export function parseAscconv(text: string): Ascconv {
  const result: Ascconv = new Map();
  const begin = text.indexOf(BEGIN);
  if (begin < 0) return result;
  const bodyStart = text.indexOf('\n', begin);
  const end = text.indexOf(END, bodyStart);
  if (bodyStart < 0 || end < 0) return result;
  for (const line of text.slice(bodyStart + 1, end).split(/\r?\n/)) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const eq = trimmed.indexOf('=');
    if (eq <= 0) continue;
    const key = trimmed.slice(0, eq).trim();
    result.set(key, stripQuotes(withoutComment(trimmed.slice(eq + 1).trim())));
  }
  return result;
}

/** The ASCCONV block of a parsed CSA series header, or undefined when it carries none. */
export function readAscconv(seriesHeader: CsaHeader): Ascconv | undefined {
  const text = seriesHeader.get('MrPhoenixProtocol')?.[0] ?? seriesHeader.get('MrProtocol')?.[0];
  if (!text) return undefined;
  const parsed = parseAscconv(text);
  return parsed.size > 0 ? parsed : undefined;
}
