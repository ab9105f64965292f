import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { walkPaths } from '@voxelhub/core/node';

/** Real files from /work/shared/testdata, and small ones written for the import tests. */

export const TESTDATA = '/work/shared/testdata';
export const CT_SERIES_DIR = join(TESTDATA, 'dcm_qa_ct/In');
export const CT_SMALL = join(TESTDATA, 'pydicom/CT_small.dcm');
export const MR_SMALL = join(TESTDATA, 'pydicom/MR_small.dcm');
export const ANATOMICAL_NII = join(TESTDATA, 'nibabel/anatomical.nii');
export const RTPLAN_TRUNCATED = join(TESTDATA, 'pydicom/rtplan_truncated.dcm');
export const RTPLAN = join(TESTDATA, 'pydicom/rtplan.dcm');
export const STRUCTURED_REPORT = join(TESTDATA, 'pydicom/test-SR.dcm');

export async function ctSeriesFiles(): Promise<string[]> {
  return (await walkPaths([CT_SERIES_DIR])).sort();
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'voxelhub-import-'));
}

/** An 8-bit greyscale PNG of `width` × `height` whose pixel values are `seed + x + y`. */
export function pngBytes(width: number, height: number, seed = 0): Uint8Array {
  const rows = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) rows[y * (width + 1) + 1 + x] = (seed + x + y) & 0xff;
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 0, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

export function writeFile(dir: string, name: string, bytes: Uint8Array | string): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}
