import type { DataSet } from 'dicom-parser';
import { parseDicom } from '../dicom/parse-dicom.js';
import { effectiveAction, isPrivateTag, tableRowFor } from './attribute-rules.js';
import type { ConfidentialityOption } from './confidentiality-option.js';

export interface Leak {
  /** Where: tags from the top, with item indices, e.g. '00081110[0]/00081155'. */
  readonly path: string;
  readonly name: string;
  readonly value: string;
}

/** Every element's value by path, read with core's own parser (dicom-parser), independent of the writer. */
function valuesByPath(dataSet: DataSet, prefix: string, into: Map<string, string>): Map<string, string> {
  for (const [key, element] of Object.entries(dataSet.elements)) {
    const tag = key.slice(1).toUpperCase();
    const path = prefix + tag;
    if (element.items) {
      element.items.forEach((item, i) => {
        if (item.dataSet) valuesByPath(item.dataSet, `${path}[${i}]/`, into);
      });
      into.set(path, element.items.length > 0 ? `(${element.items.length} items)` : '');
    } else if (tableRowFor(tag) && element.dataOffset + element.length <= dataSet.byteArray.length) {
      into.set(path, (dataSet.string(key) ?? '').trim());
    }
  }
  return into;
}

/**
 * The leak list of an output against its input: each Table E.1-1 attribute (at any depth) that still
 * holds its non-empty original value, and every private attribute still present, other than those an
 * enabled option retains (K) or cleans (C).
 */
export function leakList(
  input: Uint8Array,
  output: Uint8Array,
  options: readonly ConfidentialityOption[] = [],
): Leak[] {
  const enabled = new Set(options);
  const before = valuesByPath(parseDicom(input).dataSet, '', new Map());
  const after = valuesByPath(parseDicom(output).dataSet, '', new Map());
  const leaks: Leak[] = [];
  for (const [path, value] of after) {
    const tag = path.slice(-8);
    const row = tableRowFor(tag);
    if (!row) continue;
    const action = effectiveAction(row, enabled);
    if (action === 'K' || action === 'C') continue;
    const original = before.get(path);
    const kept = value !== '' && value === original && !value.startsWith('(');
    if (isPrivateTag(tag) || action === 'X' || kept) leaks.push({ path, name: row.name, value });
  }
  return leaks;
}
