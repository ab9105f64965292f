import type { DataSet } from 'dicom-parser';
import { text } from './attribute-values.js';

/**
 * Reads text attributes in the data set's Specific Character Set (0008,0005). dicom-parser's string()
 * takes one byte per character (Latin-1), which garbles UTF-8: a writer that declares ISO_IR 192 (ours
 * does, and highdicom, dcmqi) gets its non-ASCII names back as mojibake. UTF-8 is decoded as UTF-8; the
 * default repertoire and ISO_IR 100 are Latin-1, which string() already is; other character sets are not
 * supported and read as Latin-1 too.
 */
export function textReader(root: DataSet): (ds: DataSet, tag: string) => string | undefined {
  const charset = (text(root, 'x00080005') ?? '').toUpperCase();
  if (!charset.split('\\').some((term) => term.trim() === 'ISO_IR 192')) return text;
  const utf8 = new TextDecoder('utf-8');
  return (ds, tag) => {
    const element = ds.elements[tag];
    if (!element) return undefined;
    const bytes = new Uint8Array(
      ds.byteArray.buffer,
      ds.byteArray.byteOffset + element.dataOffset,
      element.length,
    );
    const value = utf8.decode(bytes).replace(/\0/g, '').trim();
    return value ? value : undefined;
  };
}
