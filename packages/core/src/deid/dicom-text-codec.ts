import { NotFastReadable } from './not-fast-readable.js';

/**
 * Text values as the file's Specific Character Set (0008,0005) encodes them, for the character sets
 * whose bytes map one to one onto characters and back: none (the default repertoire), ISO_IR 6,
 * ISO_IR 100 (Latin-1) and ISO_IR 192 (UTF-8). A value read and written again keeps its bytes, so the
 * file keeps its character set. Others (ISO 2022 escapes, multi-byte Asian sets) are left to dcmjs.
 */
export interface DicomTextCodec {
  readonly utf8: boolean;
  decode(bytes: Uint8Array): string;
  encode(text: string): Uint8Array;
  /** Bytes read one to one as characters, for values that are ASCII by definition (UIDs, code strings). */
  ascii(bytes: Uint8Array): string;
}

function latin1(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i++) text += String.fromCharCode(bytes[i]!);
  return text;
}

function latin1Bytes(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // A character the file's set cannot hold (none of ours: replacements are ASCII) is written as '?'.
    out[i] = code < 0x100 ? code : 0x3f;
  }
  return out;
}

const LATIN1: DicomTextCodec = { utf8: false, decode: latin1, encode: latin1Bytes, ascii: latin1 };
const utf8Decoder = new TextDecoder('utf-8');
const utf8Encoder = new TextEncoder();
const UTF8: DicomTextCodec = {
  utf8: true,
  decode: (bytes) => utf8Decoder.decode(bytes),
  encode: (text) => utf8Encoder.encode(text),
  ascii: latin1,
};

/** The codec for a Specific Character Set value, or NotFastReadable for the sets it does not cover. */
export function textCodecFor(specificCharacterSet: string | undefined): DicomTextCodec {
  const term = (specificCharacterSet ?? '').trim();
  if (term === '' || term === 'ISO_IR 6' || term === 'ISO_IR 100') return LATIN1;
  if (term === 'ISO_IR 192') return UTF8;
  throw new NotFastReadable(`Specific Character Set ${term}`);
}
