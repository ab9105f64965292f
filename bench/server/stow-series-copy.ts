import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseDicom } from '@voxelhub/core';

/**
 * Copies of the benchmark series that are new instances: the same files with every UID rewritten, so
 * that each STOW pass stores 300 instances neither server has seen. Both servers would otherwise
 * recognise a re-sent instance (Orthanc by SOP Instance UID; ours by UID and, across projects, by
 * content hash, which skips the blob write), and a pass of duplicates is not an import.
 */

/** The UIDs that make a file a distinct instance of a distinct series and study. */
const UID_TAGS = ['x00020003', 'x00080018', 'x0020000d', 'x0020000e', 'x00200052'] as const;

/** Where a UID value lies in a file (its bytes, padding included). */
interface UidSlot {
  readonly offset: number;
  readonly length: number;
}

export interface StowSeries {
  readonly files: readonly Buffer[];
  readonly slots: readonly (readonly UidSlot[])[];
  readonly totalBytes: number;
}

/** Reads every .dcm file of `folder` into memory (in name order) and finds its UIDs. */
export async function readStowSeries(folder: string): Promise<StowSeries> {
  const names = (await readdir(folder)).filter((n) => n.endsWith('.dcm')).sort();
  const files = await Promise.all(names.map((n) => readFile(join(folder, n))));
  const slots = files.map((bytes, i) => uidSlots(bytes, names[i]!));
  return { files, slots, totalBytes: files.reduce((sum, f) => sum + f.length, 0) };
}

function uidSlots(bytes: Buffer, name: string): UidSlot[] {
  const { dataSet } = parseDicom(bytes, { untilPixelData: true, file: name });
  return UID_TAGS.map((tag) => {
    const element = dataSet.elements[tag] as { dataOffset: number; length: number } | undefined;
    if (!element) throw new Error(`${name} has no ${tag}`);
    return { offset: element.dataOffset, length: element.length };
  });
}

/**
 * Copy number `copy` (1–399) of the series: fresh buffers whose UIDs are the originals with digits 2–4
 * of the `2.25.` number replaced by `copy`. Same lengths, so no other byte moves; distinct copies, and
 * distinct UIDs within a copy, since random 128-bit numbers do not differ in three digits only. Up to
 * 399 the number stays below 2^128 (3.4028…e38), as a UUID-derived UID must.
 */
export function seriesCopy(series: StowSeries, copy: number): Buffer[] {
  if (!Number.isInteger(copy) || copy < 1 || copy > 399) throw new Error(`copy ${copy} is not 1–399`);
  return series.files.map((original, i) => {
    const bytes = Buffer.from(original);
    for (const { offset, length } of series.slots[i]!) {
      const value = bytes.toString('latin1', offset, offset + length).replace(/[\0 ]+$/, '');
      bytes.write(rewriteUid(value, copy), offset, 'latin1');
    }
    return bytes;
  });
}

function rewriteUid(uid: string, copy: number): string {
  const match = /^2\.25\.([1-9])\d{3}(\d{6,})$/.exec(uid);
  if (!match) throw new Error(`UID ${uid} is not a 2.25.<number> UID this copier can rewrite`);
  return `2.25.${match[1]}${String(copy).padStart(3, '0')}${match[2]}`;
}
