import type { CodedConcept } from '../dicom-seg/coded-concept.js';

/** A content item as dcmjs naturalizes it: keyword → value, sequences as arrays (or one bare item). */
export type NaturalItem = Record<string, unknown>;

/** A sequence's items whether dcmjs gave an array or a single item. */
export function itemsOf(value: unknown): NaturalItem[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]) as NaturalItem[];
}

export function codeOf(value: unknown): CodedConcept | undefined {
  const first = itemsOf(value)[0];
  if (!first) return undefined;
  return {
    codeValue: String(first.CodeValue ?? ''),
    codingSchemeDesignator: String(first.CodingSchemeDesignator ?? ''),
    codeMeaning: String(first.CodeMeaning ?? ''),
  };
}

export function sameCode(a: CodedConcept | undefined, b: CodedConcept): boolean {
  return a?.codeValue === b.codeValue && a.codingSchemeDesignator === b.codingSchemeDesignator;
}

export function nameOf(item: NaturalItem): CodedConcept | undefined {
  return codeOf(item.ConceptNameCodeSequence);
}

export function childrenOf(item: NaturalItem): NaturalItem[] {
  return itemsOf(item.ContentSequence);
}

/** The first child named `name` (and of `valueType` when given). */
export function childNamed(
  item: NaturalItem,
  name: CodedConcept,
  valueType?: string,
): NaturalItem | undefined {
  return childrenOf(item).find(
    (c) => sameCode(nameOf(c), name) && (valueType === undefined || c.ValueType === valueType),
  );
}

/** A value dcmjs may give as one value or a one-element array. */
export function single(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : value;
}

export function numbersOf(value: unknown): number[] {
  return (Array.isArray(value) ? value : [value]).map(Number);
}
