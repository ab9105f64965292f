import { ApiError } from '../errors/api-error.js';
import { acceptsAnything, type MediaRange } from './accept.js';
import { compressedMediaType, isEncapsulated, NATIVE } from './frames.js';

/**
 * Content negotiation for WADO-RS (PS3.18 8.7): what an Accept header allows for whole instances,
 * frames and metadata. Files are served as stored; this server does not transcode DICOM files, so a
 * request for instances in another transfer syntax is NOT_ACCEPTABLE (406). A request without a
 * transfer-syntax parameter gets the files as stored (the standard's default is Explicit VR Little
 * Endian; most servers, Orthanc among them, also answer as stored).
 */

function notAcceptable(message: string): never {
  throw new ApiError('NOT_ACCEPTABLE', message);
}

/** Older names clients still send (dicomweb-client asks for image/x-jls). */
const ALIASES: Readonly<Record<string, string>> = { 'image/x-jls': 'image/jls', 'image/jhc': 'image/jphc' };

function partType(range: MediaRange): string {
  const type =
    range.mediaType === 'multipart/related' ? (range.parameters.type ?? '').toLowerCase() : range.mediaType;
  return ALIASES[type] ?? type;
}

/** Whole instances: checks that some range takes application/dicom in every instance's transfer syntax. */
export function negotiateInstances(
  ranges: readonly MediaRange[],
  storedSyntaxes: readonly (string | null)[],
): void {
  if (acceptsAnything(ranges)) return;
  const fits = ranges.some((range) => {
    const type = partType(range);
    if (!['application/dicom', '', '*/*', 'multipart/*'].includes(type) && range.mediaType !== 'multipart/*')
      return false;
    const wanted = range.parameters['transfer-syntax'];
    return !wanted || wanted === '*' || storedSyntaxes.every((ts) => (ts ?? NATIVE) === wanted);
  });
  if (!fits)
    notAcceptable(
      `instances are served as stored (${[...new Set(storedSyntaxes)].join(', ')}); ask for multipart/related; type="application/dicom"; transfer-syntax=*`,
    );
}

/** Metadata answers are DICOM JSON only (no XML). */
export function negotiateJson(ranges: readonly MediaRange[]): void {
  if (acceptsAnything(ranges)) return;
  const json = ['application/dicom+json', 'application/json', 'application/*'];
  if (!ranges.some((range) => json.includes(range.mediaType)))
    notAcceptable('metadata is served as application/dicom+json only');
}

/** How frames are sent: as stored (native or compressed), or decoded to native samples. */
export type FrameForm = 'stored' | 'decoded';

export function negotiateFrames(ranges: readonly MediaRange[], storedSyntax: string): FrameForm {
  if (acceptsAnything(ranges)) return 'stored';
  const compressed = isEncapsulated(storedSyntax);
  const compressedType = compressedMediaType(storedSyntax);
  for (const range of ranges) {
    const type = partType(range) || 'application/octet-stream';
    const wanted = range.parameters['transfer-syntax'];
    if (type === 'application/octet-stream') {
      if (!compressed) return 'stored';
      // Compressed bytes as octet-stream only when that exact syntax is asked for; else native samples.
      if (wanted === storedSyntax) return 'stored';
      if (!wanted || wanted === '*' || wanted === NATIVE) return 'decoded';
      continue;
    }
    if (type === '*/*' || type === 'multipart/*') return 'stored';
    if (compressed && type === compressedType && (!wanted || wanted === '*' || wanted === storedSyntax))
      return 'stored';
  }
  return notAcceptable(
    compressed
      ? `frames are available as ${compressedType} (transfer syntax ${storedSyntax}) or decoded as application/octet-stream`
      : 'frames of this instance are available as application/octet-stream',
  );
}

/** Rendered answers are JPEG (the default, PS3.18 8.7.4) or PNG, in the order the client prefers. */
export function negotiateRendered(ranges: readonly MediaRange[]): 'image/png' | 'image/jpeg' {
  if (acceptsAnything(ranges)) return 'image/jpeg';
  const byPreference = [...ranges].sort((a, b) => Number(b.parameters.q ?? 1) - Number(a.parameters.q ?? 1));
  for (const range of byPreference) {
    if (range.mediaType === 'image/png') return 'image/png';
    if (range.mediaType === 'image/jpeg' || range.mediaType === 'image/*') return 'image/jpeg';
  }
  return notAcceptable('rendered frames are served as image/jpeg or image/png');
}
