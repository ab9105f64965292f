import fc from 'fast-check';
import type { ValueSite } from './byte-mutations.js';

/** Text values that DICOM readers turn into numbers, enumerations and UIDs, chosen to break them. */

const NUMBERS = [
  '',
  ' ',
  '0',
  '-0',
  '1',
  '-1',
  '2',
  '3',
  '+2',
  '3.5',
  '1e3',
  '0x10',
  'NaN',
  'Infinity',
  '-Infinity',
  '65535',
  '65536',
  '2147483647',
  '2147483648',
  '4294967296',
  '9007199254740993',
  '1e308',
  '1e400',
  '1e-320',
];

const VECTORS = [
  '0\\0\\0',
  '1\\0\\0\\0\\1\\0',
  '1\\0\\0\\1\\0\\0',
  '0\\0\\0\\0\\0\\0',
  '1\\0\\0\\0\\0\\0',
  'NaN\\0\\0\\0\\1\\0',
  '1e308\\1e308\\1e308',
  '-1\\-1',
  '0\\0',
  '1\\2\\3\\4\\5\\6\\7',
  '1\\',
  '\\\\\\',
];

const PHOTOMETRIC = [
  'MONOCHROME1',
  'MONOCHROME2',
  'RGB',
  'PALETTE COLOR',
  'YBR_FULL',
  'YBR_FULL_422',
  'YBR_PARTIAL_420',
  'YBR_ICT',
  'YBR_RCT',
  'HSV',
  'ARGB',
  'CMYK',
  'monochrome2',
  '',
];

const TRANSFER_SYNTAXES = [
  '1.2.840.10008.1.2',
  '1.2.840.10008.1.2.1',
  '1.2.840.10008.1.2.1.99',
  '1.2.840.10008.1.2.2',
  '1.2.840.10008.1.2.4.50',
  '1.2.840.10008.1.2.4.51',
  '1.2.840.10008.1.2.4.57',
  '1.2.840.10008.1.2.4.70',
  '1.2.840.10008.1.2.4.80',
  '1.2.840.10008.1.2.4.81',
  '1.2.840.10008.1.2.4.90',
  '1.2.840.10008.1.2.4.91',
  '1.2.840.10008.1.2.4.201',
  '1.2.840.10008.1.2.4.203',
  '1.2.840.10008.1.2.5',
  '1.2.840.10008.1.2.4.100',
  '1.2.840.10008.1.2.1\0',
  '',
];

const IMAGE_TYPES = ['ORIGINAL\\PRIMARY\\M\\ND\\MOSAIC', 'DERIVED\\SECONDARY', 'MOSAIC', ''];

/** Candidates for one site: enumerations where the tag has them, numbers and vectors always, some noise. */
export function hostileText(site: ValueSite): fc.Arbitrary<string> {
  const tag = site.label.slice(0, 11);
  const specific =
    tag === '(0028,0004)'
      ? PHOTOMETRIC
      : tag === '(0002,0010)'
        ? TRANSFER_SYNTAXES
        : tag === '(0008,0008)'
          ? IMAGE_TYPES
          : [];
  const noise = fc.string({ unit: 'binary-ascii', maxLength: 24 });
  return fc.oneof(
    { arbitrary: fc.constantFrom(...NUMBERS, ...VECTORS), weight: 3 },
    ...(specific.length > 0 ? [{ arbitrary: fc.constantFrom(...specific), weight: 4 }] : []),
    { arbitrary: noise, weight: 1 },
  );
}
