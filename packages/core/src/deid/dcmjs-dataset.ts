import dcmjs from 'dcmjs';
import { type ParsedDicom, parseDicom } from '../dicom/parse-dicom.js';
import { encapsulatedFrames, frameBytes } from '../dicom/pixel/encapsulated-frames.js';
import { asReadError, ImageReadError } from '../errors/image-read-error.js';
import type { DicomTextCodec } from './dicom-text-codec.js';
import { explicitVrReader } from './explicit-vr-dataset-reader.js';
import { ExplicitVrDatasetWriter } from './explicit-vr-dataset-writer.js';
import { joinChunks } from './join-chunks.js';
import { NotFastReadable } from './not-fast-readable.js';
import { pixelDataTail } from './pixel-data-tail.js';

/**
 * De-identification works on dcmjs's denaturalized dataset (DICOM JSON-like: 8-hex-digit tag -> {vr, Value}),
 * the form core's writer (demo/part10-file.ts) hands to dcmjs's DicomDict. It keeps every attribute,
 * private and unknown ones included, with its VR, which a keyword-keyed (naturalized) dataset cannot.
 */
export interface DicomElementJson {
  vr: string;
  Value?: unknown[];
}
export type DicomDatasetJson = Record<string, DicomElementJson>;

/** A Part 10 file as dcmjs holds it: File Meta Information and dataset. */
export interface Part10Dataset {
  meta: DicomDatasetJson;
  dict: DicomDatasetJson;
}

interface DcmjsMessageApi {
  data: {
    DicomMessage: { readFile(buffer: ArrayBuffer, options?: Record<string, unknown>): Part10Dataset };
    DicomDict: new (
      meta: DicomDatasetJson,
    ) => Part10Dataset & { write(options?: { fragmentMultiframe?: boolean }): ArrayBuffer };
  };
}
const api = dcmjs as unknown as DcmjsMessageApi;

function exactArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

const DEFLATED = '1.2.840.10008.1.2.1.99';
const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';
const MEDIA_STORAGE_DIRECTORY = '1.2.840.10008.1.3.10';
const PIXEL_DATA = 'x7fe00010';

/** One File Meta element in Explicit VR Little Endian; OB has a 4-byte length after 2 reserved bytes. */
function explicitElement(element: number, vr: 'OB' | 'UI' | 'UL', value: Uint8Array): Uint8Array {
  const padded = new Uint8Array(value.length + (value.length % 2));
  padded.set(value);
  const header = vr === 'OB' ? 12 : 8;
  const out = new Uint8Array(header + padded.length);
  const view = new DataView(out.buffer);
  view.setUint16(0, 0x0002, true);
  view.setUint16(2, element, true);
  out.set(new TextEncoder().encode(vr), 4);
  if (vr === 'OB') view.setUint32(8, padded.length, true);
  else view.setUint16(6, padded.length, true);
  out.set(padded, header);
  return out;
}

/**
 * Preamble, DICM and a minimal File Meta group in front of a dataset that has none (legacy files such
 * as pydicom's rtstruct.dcm), so that dcmjs, which reads only Part 10 files, can read it.
 */
function withFileMeta(dataset: Uint8Array, transferSyntaxUID: string): Uint8Array {
  const elements = [
    explicitElement(0x0001, 'OB', new Uint8Array([0, 1])),
    explicitElement(0x0010, 'UI', new TextEncoder().encode(transferSyntaxUID)),
  ];
  const length = elements.reduce((n, e) => n + e.length, 0);
  const groupLength = new Uint8Array(4);
  new DataView(groupLength.buffer).setUint32(0, length, true);
  const parts = [
    new Uint8Array(128),
    new TextEncoder().encode('DICM'),
    explicitElement(0x0000, 'UL', groupLength),
  ];
  return joinChunks([...parts, ...elements, dataset]);
}

function readWithDcmjs(bytes: Uint8Array, file?: string): Part10Dataset {
  try {
    return api.data.DicomMessage.readFile(exactArrayBuffer(bytes), { ignoreErrors: false });
  } catch (error) {
    throw asReadError(error, 'MALFORMED', file);
  }
}

/** The File Meta group dcmjs can read in front of any DICOM `bytes`, and where the dataset starts in it. */
function asPart10(bytes: Uint8Array, parsed: ParsedDicom): Uint8Array {
  if (parsed.hasPart10Header) return bytes;
  return bytes[0] === 0x02 && bytes[1] === 0x00
    ? joinChunks([new Uint8Array(128), new TextEncoder().encode('DICM'), bytes])
    : withFileMeta(bytes, parsed.transferSyntaxUID);
}

function parseForDeidentification(bytes: Uint8Array, file?: string): ParsedDicom {
  const parsed = parseDicom(bytes, file ? { file } : {});
  if (parsed.dataSet.string('x00020002') === MEDIA_STORAGE_DIRECTORY)
    throw new ImageReadError(
      'UNSUPPORTED_IMAGE',
      'a DICOMDIR is not de-identified: its record offsets would break; make a new one from the de-identified files',
      file,
    );
  return parsed;
}

/** File Meta without the SOP Class and Instance UIDs takes them from the dataset. */
function completeFileMeta({ meta, dict }: Part10Dataset): void {
  for (const [metaTag, tag] of [
    ['00020002', '00080016'],
    ['00020003', '00080018'],
  ] as const)
    if (!meta[metaTag] && dict[tag]) meta[metaTag] = { vr: 'UI', Value: dict[tag].Value ?? [] };
}

/**
 * Reads a DICOM file with dcmjs, keeping private attributes in their raw form. Core's parser checks it
 * first (malformed files fail here with its ImageReadError) and supplies the transfer syntax of files
 * without File Meta, which get one naming their SOP class and instance.
 */
export function readPart10Dataset(bytes: Uint8Array, file?: string): Part10Dataset {
  return readParsedWithDcmjs(bytes, parseForDeidentification(bytes, file), file);
}

function readParsedWithDcmjs(bytes: Uint8Array, parsed: ParsedDicom, file?: string): Part10Dataset {
  const dataset = readWithDcmjs(asPart10(bytes, parsed), file);
  completeFileMeta(dataset);
  if (parsed.dataSet.elements.x7fe00010?.encapsulatedPixelData && dataset.dict['7FE00010'])
    dataset.dict['7FE00010'] = { ...dataset.dict['7FE00010'], Value: frameBuffers(parsed) };
  return dataset;
}

/**
 * A DICOM file read for rewriting: its dataset, and, when Pixel Data ends the file in an encoding the
 * copy keeps (see pixelDataTail), that element's encoded bytes, which the dataset then leaves out.
 */
export interface Part10Parts {
  readonly dataset: Part10Dataset;
  /** The Pixel Data element as encoded in the file, to be written unchanged after the dataset. */
  readonly pixelDataElement?: Uint8Array;
  /** Explicit VR Little Endian files read by core's reader are written by its writer, in their character set. */
  readonly text?: DicomTextCodec;
}

/** Explicit VR Little Endian, native or encapsulated (JPEG family, RLE); not Deflated. */
function isExplicitVrLittleEndian(uid: string): boolean {
  return (
    uid === EXPLICIT_VR_LITTLE_ENDIAN ||
    uid.startsWith('1.2.840.10008.1.2.4.') ||
    uid === '1.2.840.10008.1.2.5'
  );
}

/**
 * Core's own reader for the common case, an Explicit VR Little Endian file (native or encapsulated) in a
 * single-byte or UTF-8 character set whose Pixel Data, if any, ends the file; undefined otherwise.
 */
function readFast(parsed: ParsedDicom): Part10Parts | undefined {
  if (!isExplicitVrLittleEndian(parsed.transferSyntaxUID)) return undefined;
  // Pixel Data not at the end (or encapsulated without its delimiter) is read as the rest is: native
  // samples are copied as bytes; encapsulated ones make the reader give up, and dcmjs re-frames them.
  const pixelDataElement = pixelDataTail(parsed);
  try {
    const reader = explicitVrReader(parsed.dataSet);
    const { meta, dict } = reader.split(parsed.dataSet, pixelDataElement ? PIXEL_DATA : undefined);
    // A dataset without File Meta (read with the transfer syntax core's parser recognised) gets one.
    if (!meta['00020010']?.Value?.[0]) meta['00020010'] = { vr: 'UI', Value: [parsed.transferSyntaxUID] };
    const dataset = { meta, dict };
    completeFileMeta(dataset);
    return { dataset, text: reader.text, ...(pixelDataElement ? { pixelDataElement } : {}) };
  } catch (error) {
    if (error instanceof NotFastReadable) return undefined;
    throw error;
  }
}

/**
 * readPart10Dataset without decoding Pixel Data when it can be carried over as it is, and without dcmjs
 * for Explicit VR Little Endian files (readFast); others go through dcmjs, Pixel Data included.
 */
export function readPart10Parts(bytes: Uint8Array, file?: string): Part10Parts {
  const parsed = parseForDeidentification(bytes, file);
  return readFast(parsed) ?? { dataset: readParsedWithDcmjs(bytes, parsed, file) };
}

/**
 * Encapsulated frames as core's reader finds them (offset tables, fragment counts, codestream markers):
 * dcmjs takes each fragment of a single-frame image for a frame, which it would write back as several.
 */
function frameBuffers(parsed: ParsedDicom): ArrayBuffer[] {
  const numberOfFrames = Number.parseInt(parsed.dataSet.string('x00280008') ?? '1', 10) || 1;
  const encapsulated = encapsulatedFrames(parsed.dataSet, numberOfFrames);
  return encapsulated.frames.map((_, i) => exactArrayBuffer(frameBytes(parsed.dataSet, encapsulated, i)));
}

/**
 * Writes a Part 10 file with dcmjs in the transfer syntax its File Meta names, except Deflated, which
 * dcmjs does not compress: that is written as Explicit VR Little Endian and the File Meta says so.
 */
export function writePart10Dataset(dataset: Part10Dataset): Uint8Array {
  const meta = { ...dataset.meta };
  if (meta['00020010']?.Value?.[0] === DEFLATED)
    meta['00020010'] = { vr: 'UI', Value: [EXPLICIT_VR_LITTLE_ENDIAN] };
  const dict = new api.data.DicomDict(meta);
  dict.dict = dataset.dict;
  // One fragment per frame, so that the Basic Offset Table dcmjs writes maps frames exactly.
  return new Uint8Array(dict.write({ fragmentMultiframe: false }));
}

/**
 * The file's bytes in order, without joining them: the dataset, written by the writer that matches its
 * reader, then the Pixel Data element as it was read (a view into the input, not a copy).
 */
export function writePart10Chunks(parts: Part10Parts): Uint8Array[] {
  if (!parts.text) return [writePart10Dataset(parts.dataset)];
  const dataset = new ExplicitVrDatasetWriter(parts.text).part10(parts.dataset);
  return parts.pixelDataElement ? [dataset, parts.pixelDataElement] : [dataset];
}

/** writePart10Chunks joined into one array. */
export function writePart10Parts(parts: Part10Parts): Uint8Array {
  return joinChunks(writePart10Chunks(parts));
}
