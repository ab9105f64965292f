/**
 * The Accept header of a DICOMweb request, split into media ranges with their parameters (PS3.18 8.7):
 * `multipart/related; type="application/dicom"; transfer-syntax=*, application/dicom+json`.
 */
export interface MediaRange {
  /** e.g. 'multipart/related', 'application/dicom+json', '*\/*' (lower case). */
  readonly mediaType: string;
  /** Parameters by lower-case name, unquoted: type, transfer-syntax, q, ... */
  readonly parameters: Readonly<Record<string, string>>;
}

export function parseAccept(header: string | string[] | undefined): MediaRange[] {
  const text = Array.isArray(header) ? header.join(',') : (header ?? '');
  if (text.trim() === '') return [];
  return splitOutsideQuotes(text, ',')
    .map((range) => {
      const [type = '', ...parameters] = splitOutsideQuotes(range, ';').map((part) => part.trim());
      return {
        mediaType: type.toLowerCase(),
        parameters: Object.fromEntries(
          parameters.map((parameter) => {
            const at = parameter.indexOf('=');
            const name = parameter.slice(0, at).trim().toLowerCase();
            const value = parameter
              .slice(at + 1)
              .trim()
              .replace(/^"(.*)"$/, '$1');
            return [name, value];
          }),
        ),
      };
    })
    .filter((range) => range.mediaType !== '' && range.parameters.q !== '0');
}

function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '"') quoted = !quoted;
    else if (text[i] === separator && !quoted) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** Whether a range accepts anything (no Accept, `*\/*`, `multipart/*` and the like count as yes). */
export function acceptsAnything(ranges: readonly MediaRange[]): boolean {
  return ranges.length === 0 || ranges.some((range) => range.mediaType === '*/*');
}
