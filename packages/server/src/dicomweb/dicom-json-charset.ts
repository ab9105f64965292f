import type { TextDecoderLike } from './dicom-json-values.js';

/**
 * The decoder for a Specific Character Set (0008,0005) value, as dcmjs chooses it: by its first value,
 * with spaces and underscores as hyphens; undefined for a character set it doesn't know.
 */

/** dcmjs's default: WHATWG's 'latin1', which is windows-1252. */
export const LATIN1: TextDecoderLike = new TextDecoder('latin1');

const ENCODINGS: Record<string, string> = {
  '': 'iso-8859-1',
  'iso-ir-6': 'iso-8859-1',
  'iso-ir-13': 'shift-jis',
  'iso-ir-100': 'latin1',
  'iso-ir-101': 'iso-8859-2',
  'iso-ir-109': 'iso-8859-3',
  'iso-ir-110': 'iso-8859-4',
  'iso-ir-126': 'iso-ir-126',
  'iso-ir-127': 'iso-ir-127',
  'iso-ir-138': 'iso-ir-138',
  'iso-ir-144': 'iso-ir-144',
  'iso-ir-148': 'iso-ir-148',
  'iso-ir-166': 'tis-620',
  'iso-2022-ir-6': 'iso-8859-1',
  'iso-2022-ir-13': 'shift-jis',
  'iso-2022-ir-87': 'iso-2022-jp',
  'iso-2022-ir-100': 'latin1',
  'iso-2022-ir-101': 'iso-8859-2',
  'iso-2022-ir-109': 'iso-8859-3',
  'iso-2022-ir-110': 'iso-8859-4',
  'iso-2022-ir-126': 'iso-ir-126',
  'iso-2022-ir-127': 'iso-ir-127',
  'iso-2022-ir-138': 'iso-ir-138',
  'iso-2022-ir-144': 'iso-ir-144',
  'iso-2022-ir-148': 'iso-ir-148',
  'iso-2022-ir-149': 'euc-kr',
  'iso-2022-ir-159': 'iso-2022-jp',
  'iso-2022-ir-166': 'tis-620',
  'iso-2022-ir-58': 'iso-ir-58',
  'iso-ir-192': 'utf-8',
  gb18030: 'gb18030',
  'iso-2022-gbk': 'gbk',
  'iso-2022-58': 'gb2312',
  gbk: 'gbk',
};

const decoders = new Map<string, TextDecoderLike>();

export function characterSetDecoder(term: string | undefined): TextDecoderLike | undefined {
  const name = (term ?? '').replace(/[_ ]/g, '-').toLowerCase();
  const encoding = Object.hasOwn(ENCODINGS, name) ? ENCODINGS[name] : undefined;
  if (encoding === undefined) return undefined;
  let decoder = decoders.get(encoding);
  if (!decoder) {
    try {
      decoder = new TextDecoder(encoding);
    } catch {
      return undefined; // an encoding this Node's ICU lacks
    }
    decoders.set(encoding, decoder);
  }
  return decoder;
}
