import type { DataSet } from 'dicom-parser';
import { ImageReadError } from '../errors/image-read-error.js';

/** Reads typed values from a dataset; malformed numbers are errors, not NaN. Tags as 'xggggeeee'. */

function label(tag: string): string {
  return `(${tag.slice(1, 5)},${tag.slice(5)})`.toUpperCase();
}

export function text(ds: DataSet, tag: string): string | undefined {
  if (!ds.elements[tag]) return undefined;
  const value = ds.string(tag)?.replace(/\0/g, '').trim();
  return value ? value : undefined;
}

/** All values of a multi-valued string attribute (split on backslash). */
export function texts(ds: DataSet, tag: string): string[] {
  const value = text(ds, tag);
  return value ? value.split('\\').map((v) => v.trim()) : [];
}

/** Numeric values of a DS or IS attribute. */
export function decimals(ds: DataSet, tag: string): number[] | undefined {
  const values = texts(ds, tag);
  if (values.length === 0) return undefined;
  return values.map((v) => {
    const n = Number(v);
    if (v === '' || !Number.isFinite(n)) {
      throw new ImageReadError('INVALID_ATTRIBUTE', `${label(tag)} has a value that is not a number: '${v}'`);
    }
    return n;
  });
}

export function decimal(ds: DataSet, tag: string): number | undefined {
  return decimals(ds, tag)?.[0];
}

/** A DS/IS value with exactly `count` numbers, or undefined when absent. */
export function vector<N extends number>(ds: DataSet, tag: string, count: N): number[] | undefined {
  const values = decimals(ds, tag);
  if (values === undefined) return undefined;
  if (values.length !== count) {
    throw new ImageReadError(
      'INVALID_ATTRIBUTE',
      `${label(tag)} should have ${count} values, has ${values.length}`,
    );
  }
  return values;
}

/** An unsigned short (US), checked to be present and of the right length. */
export function uint16(ds: DataSet, tag: string): number | undefined {
  const element = ds.elements[tag];
  if (!element) return undefined;
  if (element.length < 2) throw new ImageReadError('INVALID_ATTRIBUTE', `${label(tag)} is empty`);
  return ds.uint16(tag);
}

export function requiredUint16(ds: DataSet, tag: string, name: string): number {
  const value = uint16(ds, tag);
  if (value === undefined) throw new ImageReadError('MISSING_ATTRIBUTE', `${name} ${label(tag)} is missing`);
  return value;
}

/** The first item's dataset of a sequence, if any. */
export function firstItem(ds: DataSet | undefined, tag: string): DataSet | undefined {
  return ds?.elements[tag]?.items?.[0]?.dataSet;
}

export function items(ds: DataSet | undefined, tag: string): DataSet[] {
  return (ds?.elements[tag]?.items ?? []).flatMap((item) => (item.dataSet ? [item.dataSet] : []));
}

/**
 * A binary number (UL or FD) read by the type the standard gives the attribute — implicit-VR files
 * carry no VR to go by. A file that stores it as text (DS/IS, seen from some converters) is read as text.
 */
function binaryNumber(ds: DataSet, tag: string, type: 'UL' | 'FD'): number | undefined {
  const element = ds.elements[tag];
  if (!element || element.length === 0) return undefined;
  if (element.vr === 'DS' || element.vr === 'IS') return decimal(ds, tag);
  const size = type === 'UL' ? 4 : 8;
  if (element.length < size) {
    throw new ImageReadError(
      'INVALID_ATTRIBUTE',
      `${label(tag)} has ${element.length} bytes, a ${type} needs ${size}`,
    );
  }
  return type === 'UL' ? ds.uint32(tag) : ds.double(tag);
}

/** An unsigned long (UL), e.g. Temporal Position Index. */
export function uint32(ds: DataSet, tag: string): number | undefined {
  return binaryNumber(ds, tag, 'UL');
}

/** A double (FD), e.g. Effective Echo Time, Diffusion b-value. */
export function float64(ds: DataSet, tag: string): number | undefined {
  return binaryNumber(ds, tag, 'FD');
}
