import type { Readable } from 'node:stream';
import {
  assembleSeries,
  ImageReadError,
  type InstanceHeader,
  parseDicom,
  readInstanceHeader,
  type SeriesPlan,
} from '@voxelhub/core';
import { zlibInflateRaw } from '@voxelhub/core/node';
import type { BlobStore } from '../blobs/blob-store.js';
import type { CaseImages } from './case-images.js';

/** Most headers fit here (core's readDicomHeader reads as much); longer ones are read whole. */
const HEAD_BYTES = 8 * 1024;

async function streamBytes(stream: Readable): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}

function headerOf(bytes: Uint8Array, key: string): InstanceHeader | undefined {
  const parsed = parseDicom(bytes, { file: key, untilPixelData: true, inflateRaw: zlibInflateRaw });
  // Only a parse that reached Pixel Data has seen the whole header.
  if (!parsed.dataSet.elements.x7fe00010) return undefined;
  return readInstanceHeader(parsed.dataSet, key, parsed.transferSyntaxUID);
}

/**
 * One DICOM instance's header, its `file` being the blob key (so loadSeries reads the blob). Read from the
 * blob's first bytes when the header fits there, so that planning a series reads no pixel data.
 */
export async function blobInstanceHeader(blobs: BlobStore, key: string): Promise<InstanceHeader> {
  const stat = await blobs.stat(key);
  if (stat && stat.size > HEAD_BYTES) {
    try {
      const head = headerOf(await streamBytes(await blobs.get(key, { start: 0, end: HEAD_BYTES - 1 })), key);
      if (head) return head;
    } catch (error) {
      if (!(error instanceof ImageReadError) || error.code === 'NOT_DICOM') throw error;
      // The header runs past the bytes read: read the whole file below.
    }
  }
  const whole = await blobs.getBytes(key);
  const header = headerOf(whole, key);
  if (!header) throw new ImageReadError('MISSING_ATTRIBUTE', 'the DICOM file has no Pixel Data', key);
  return header;
}

/**
 * How to build a DICOM case's volume: its instances' headers assembled as core's series loader (and the
 * viewer, which orders a series along its slice normal) does. A case whose instances do not make one image
 * (mixed orientations or sizes) is an Error naming it.
 */
export async function dicomCasePlan(blobs: BlobStore, images: CaseImages): Promise<SeriesPlan> {
  const name = images.case.caseName;
  let headers: InstanceHeader[];
  try {
    headers = await Promise.all(images.rows.map((row) => blobInstanceHeader(blobs, row.blobKey)));
  } catch (error) {
    throw new Error(`${name}: a DICOM instance could not be read: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const plans = assembleSeries(headers);
  if (plans.length !== 1)
    throw new Error(
      `${name}: its ${headers.length} DICOM instances make ${plans.length} images, not one (mixed orientation, size or pixel format)`,
    );
  const plan = plans[0]!;
  if (plan.timepoints !== 1)
    throw new Error(
      `${name}: a 4D series (${plan.timepoints} timepoints) is not exported; one volume per case`,
    );
  return plan;
}
