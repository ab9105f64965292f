import { open, readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

/** What a converted series must look like: one NIfTI-1 of these dimensions with 16-bit voxels. */
export interface ExpectedNifti {
  readonly dims: readonly [number, number, number];
  readonly compressed: boolean;
}

const voxelBytes = (e: ExpectedNifti) => e.dims[0] * e.dims[1] * e.dims[2] * 2;
/** Header (348) + extension flag (4) is the minimum offset; allow up to 64 KB of header extensions. */
const plausible = (size: number, e: ExpectedNifti) =>
  size >= voxelBytes(e) + 352 && size <= voxelBytes(e) + 65_536;

/** The single NIfTI file a conversion left in `folder` (throws when there is none or more than one). */
export async function convertedFile(folder: string, expected: ExpectedNifti): Promise<string> {
  const suffix = expected.compressed ? '.nii.gz' : '.nii';
  const found = (await readdir(folder)).filter((f) => f.endsWith(suffix));
  if (found.length !== 1) throw new Error(`expected one ${suffix} in ${folder}, found ${found.length}`);
  return join(folder, found[0]!);
}

/**
 * Cheap check after every timed run: the size of a .nii, or the gzip magic and the uncompressed size in
 * the gzip trailer of a .nii.gz. The trailer check also catches several concatenated gzip members
 * (ISIZE would then be the last member's only), which some readers silently truncate.
 */
export async function checkConvertedSize(folder: string, expected: ExpectedNifti): Promise<void> {
  const file = await convertedFile(folder, expected);
  const { size } = await stat(file);
  if (!expected.compressed) {
    if (!plausible(size, expected))
      throw new Error(`${file} has ${size} bytes, expected about ${voxelBytes(expected)}`);
    return;
  }
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(2);
    const tail = Buffer.alloc(4);
    await handle.read(head, 0, 2, 0);
    await handle.read(tail, 0, 4, size - 4);
    if (head[0] !== 0x1f || head[1] !== 0x8b) throw new Error(`${file} is not gzip`);
    const isize = tail.readUInt32LE(0);
    if (!plausible(isize, expected)) {
      throw new Error(`${file}: gzip trailer says ${isize} bytes uncompressed (several gzip members?)`);
    }
  } finally {
    await handle.close();
  }
}

/** Thorough check once per tool: decompress and read the NIfTI-1 header's dimensions and bit depth. */
export async function checkConvertedHeader(folder: string, expected: ExpectedNifti): Promise<void> {
  const file = await convertedFile(folder, expected);
  const raw = await readFile(file);
  const bytes = expected.compressed ? gunzipSync(raw) : raw;
  if (!plausible(bytes.byteLength, expected)) throw new Error(`${file}: ${bytes.byteLength} bytes of NIfTI`);
  const sizeofHdr = bytes.readInt32LE(0);
  const dims = [bytes.readInt16LE(42), bytes.readInt16LE(44), bytes.readInt16LE(46)];
  const bitpix = bytes.readInt16LE(72);
  const voxOffset = bytes.readFloatLE(108);
  if (sizeofHdr !== 348 || dims.join() !== expected.dims.join() || bitpix !== 16) {
    throw new Error(`${file}: sizeof_hdr ${sizeofHdr}, dims ${dims.join('×')}, bitpix ${bitpix}`);
  }
  if (bytes.byteLength !== voxOffset + voxelBytes(expected)) {
    throw new Error(
      `${file}: ${bytes.byteLength} bytes, vox_offset ${voxOffset} + ${voxelBytes(expected)} voxel bytes`,
    );
  }
}
