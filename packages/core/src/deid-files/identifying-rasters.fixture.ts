import { encode as encodePng } from 'fast-png';
import { zlibSync } from 'fflate';
import jpeg from 'jpeg-js';
import { crc32 } from '../nifti/crc32.js';

/**
 * Test fixtures: PNGs and JPEGs of a real image that carry identifying text in every place those
 * formats allow, spliced in byte by byte the way cameras, PACS exports and editors write them.
 * IDENTIFYING lists the strings; a scrubbed file must contain none of them.
 */
export const IDENTIFYING = ['Jane Doe', 'John Smith', 'MRN 0012345', '1970:01:02', 'St Elsewhere'] as const;

const latin1 = (text: string) => Array.from(text, (c) => c.charCodeAt(0));

/** A big-endian TIFF (as inside EXIF) with IFD0 Orientation, Artist and DateTime. */
export function exifTiff(orientation: number): Uint8Array {
  const artist = [...latin1('Jane Doe, St Elsewhere'), 0];
  const date = [...latin1('1970:01:02 10:11:12'), 0];
  const entries = 3;
  const dataStart = 8 + 2 + entries * 12 + 4;
  const out = new Uint8Array(dataStart + artist.length + date.length);
  const view = new DataView(out.buffer);
  out.set([0x4d, 0x4d, 0, 42], 0);
  view.setUint32(4, 8);
  view.setUint16(8, entries);
  const entry = (i: number, tag: number, type: number, count: number, value: number) => {
    const at = 10 + i * 12;
    view.setUint16(at, tag);
    view.setUint16(at + 2, type);
    view.setUint32(at + 4, count);
    if (type === 3) view.setUint16(at + 8, value);
    else view.setUint32(at + 8, value);
  };
  entry(0, 0x0112, 3, 1, orientation);
  entry(1, 0x013b, 2, artist.length, dataStart);
  entry(2, 0x0132, 2, date.length, dataStart + artist.length);
  out.set(artist, dataStart);
  out.set(date, dataStart + artist.length);
  return out;
}

// ---- PNG ----

function pngChunk(type: string, data: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(latin1(type), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

function concat(parts: readonly ArrayLike<number>[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/** A clean PNG of grey samples (8 or 16 bits) written by fast-png, core's PNG codec. */
export function cleanPng(grey: Uint8Array | Uint16Array, width: number, height: number): Uint8Array {
  return encodePng({ data: grey, width, height, channels: 1, depth: grey instanceof Uint16Array ? 16 : 8 });
}

/**
 * `png` with tEXt, zTXt, iTXt, eXIf, tIME, an iCCP whose name is a person's, a private chunk and bytes
 * after IEND, all between IHDR and the first IDAT (or after IEND) as writers put them.
 */
export function identifyingPng(png: Uint8Array): Uint8Array {
  const afterIhdr = 8 + 25;
  const text = (keyword: string, value: string) => [...latin1(keyword), 0, ...latin1(value)];
  const spliced = [
    pngChunk('tEXt', text('Author', 'Jane Doe')),
    pngChunk('zTXt', [...latin1('Comment'), 0, 0, ...zlibSync(new Uint8Array(latin1('Patient John Smith')))]),
    pngChunk('iTXt', [...latin1('Description'), 0, 0, 0, ...latin1('en'), 0, 0, ...latin1('MRN 0012345')]),
    pngChunk('eXIf', exifTiff(6)),
    pngChunk('tIME', [0x07, 0xb2, 1, 2, 10, 11, 12]),
    pngChunk('iCCP', [...latin1('Jane Doe monitor'), 0, 0, ...zlibSync(new Uint8Array(128))]),
    pngChunk('pHYs', [0, 0, 0x0b, 0x13, 0, 0, 0x0b, 0x13, 1]),
    pngChunk('prVt', latin1('St Elsewhere')),
  ];
  return concat([png.subarray(0, afterIhdr), ...spliced, png.subarray(afterIhdr), latin1('John Smith')]);
}

// ---- JPEG ----

/** A clean baseline JPEG (JFIF APP0, 4:4:4) of grey samples shown as RGB, written by jpeg-js. */
export function cleanJpeg(grey: Uint8Array, width: number, height: number): Uint8Array {
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < grey.length; i++) rgba.set([grey[i]!, grey[i]!, (grey[i]! * 3) >> 2, 255], i * 4);
  return new Uint8Array(jpeg.encode({ data: rgba, width, height }, 90).data);
}

function segment(marker: number, payload: ArrayLike<number>): Uint8Array {
  const length = payload.length + 2;
  return concat([[0xff, marker, length >> 8, length & 0xff], payload]);
}

/**
 * `jpg` (SOI + an 18-byte JFIF APP0 first, as jpeg-js writes) with: a JFIF thumbnail, EXIF (Artist,
 * DateTime, Orientation 6), XMP, Photoshop IPTC, an MPF APP2, an ICC_PROFILE APP2, APP14 Adobe,
 * COM segments before the frame and between the tables and the scan, and bytes after EOI.
 */
export function identifyingJpeg(jpg: Uint8Array): Uint8Array {
  const jfif = jpg.subarray(6, 20); // the 14-byte payload after FF E0 and its length
  const jfifWithThumbnail = [...jfif.subarray(0, 12), 2, 1, ...[10, 20, 30, 40, 50, 60]];
  const head = [
    segment(0xe0, jfifWithThumbnail),
    segment(0xe1, [...latin1('Exif'), 0, 0, ...exifTiff(6)]),
    segment(
      0xe1,
      latin1('http://ns.adobe.com/xap/1.0/\0<x:xmpmeta><dc:creator>Jane Doe</dc:creator></x:xmpmeta>'),
    ),
    segment(0xed, latin1('Photoshop 3.0\x008BIM\x04\x04\0\0\0\0\0\x0e\x1c\x02\x50\0\x0aJohn Smith')),
    segment(0xe2, latin1('MPF\0MM\0*St Elsewhere')),
    segment(0xe2, [...latin1('ICC_PROFILE\0'), 1, 1, ...new Uint8Array(64)]),
    segment(0xee, [...latin1('Adobe'), 0, 100, 0, 0, 0, 0, 1]),
    segment(0xfe, latin1('Patient John Smith MRN 0012345')),
  ];
  const rest = jpg.subarray(20);
  const sos = rest.findIndex((b, i) => b === 0xff && rest[i + 1] === 0xda);
  return concat([
    [0xff, 0xd8],
    ...head,
    rest.subarray(0, sos),
    segment(0xfe, latin1('scanned by Jane Doe')),
    rest.subarray(sos),
    latin1('trailer 1970:01:02'),
  ]);
}
