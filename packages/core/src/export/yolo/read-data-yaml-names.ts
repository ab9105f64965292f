/**
 * The class names of a YOLO data.yaml — only the `names:` key, in the forms Ultralytics datasets use: a block
 * mapping (`  0: person`), a block list (`  - person`) or a flow list (`names: [person, car]`). Scalars may be
 * plain, 'single-' or "double-quoted". Not a YAML parser: anchors, multi-line scalars and the like are errors.
 */

function unquote(raw: string, where: string): string {
  const text = raw.trim();
  if (text.startsWith("'")) {
    if (!text.endsWith("'") || text.length < 2)
      throw new TypeError(`${where}: unterminated quoted name ${text}`);
    return text.slice(1, -1).replaceAll("''", "'");
  }
  if (text.startsWith('"')) {
    if (!text.endsWith('"') || text.length < 2)
      throw new TypeError(`${where}: unterminated quoted name ${text}`);
    return text.slice(1, -1).replace(/\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)/g, (_, code: string) => {
      if (code[0] === 'u' || code[0] === 'x') return String.fromCodePoint(Number.parseInt(code.slice(1), 16));
      const simple: Record<string, string> = {
        n: '\n',
        t: '\t',
        r: '\r',
        '0': '\0',
        '"': '"',
        '\\': '\\',
        '/': '/',
      };
      const value = simple[code];
      if (value === undefined) throw new TypeError(`${where}: unsupported escape \\${code}`);
      return value;
    });
  }
  // A plain scalar ends at a comment.
  return text.replace(/\s+#.*$/, '');
}

/** Splits a flow list's inside at commas outside quotes. */
function flowItems(inside: string): string[] {
  const items: string[] = [];
  let current = '';
  let quote: string | undefined;
  for (const char of inside) {
    if (quote) {
      if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") quote = char;
    else if (char === ',') {
      items.push(current);
      current = '';
      continue;
    }
    current += char;
  }
  if (current.trim() !== '') items.push(current);
  return items;
}

/** Names indexed by class; throws a TypeError naming the line when the text is not one of the forms above. */
export function readDataYamlNames(text: string, path = 'data.yaml'): string[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const start = lines.findIndex((line) => /^names\s*:/.test(line));
  if (start < 0) throw new TypeError(`${path}: no names: key`);
  const inline = lines[start]!.replace(/^names\s*:/, '').trim();
  if (inline.startsWith('[')) {
    if (!inline.endsWith(']'))
      throw new TypeError(`${path} line ${start + 1}: flow list must end on its line`);
    return flowItems(inline.slice(1, -1)).map((item) => unquote(item, `${path} line ${start + 1}`));
  }
  if (inline === '{}') return [];
  if (inline !== '' && !inline.startsWith('#'))
    throw new TypeError(`${path} line ${start + 1}: unsupported names: value`);
  const names: string[] = [];
  const byIndex = new Map<number, string>();
  for (let n = start + 1; n < lines.length; n++) {
    const line = lines[n]!;
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    if (!/^\s/.test(line)) break;
    const where = `${path} line ${n + 1}`;
    const item = /^\s+-\s*(.*)$/.exec(line);
    const entry = /^\s+(\d+)\s*:\s*(.*)$/.exec(line);
    if (item) names.push(unquote(item[1]!, where));
    else if (entry) byIndex.set(Number(entry[1]), unquote(entry[2]!, where));
    else throw new TypeError(`${where}: expected '- name' or 'index: name'`);
  }
  if (byIndex.size === 0) return names;
  if (names.length > 0) throw new TypeError(`${path}: names mixes a list and a mapping`);
  const result = Array.from({ length: byIndex.size }, (_, i) => byIndex.get(i));
  if (result.some((name) => name === undefined))
    throw new TypeError(`${path}: names must cover classes 0 to ${byIndex.size - 1}`);
  return result as string[];
}
