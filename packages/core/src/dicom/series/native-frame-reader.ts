import type { VoxelArray } from '../../volume/data-type.js';
import { parseDicom } from '../parse-dicom.js';
import { pixelEncoding } from '../pixel/pixel-encoding.js';
import { readPixelModule } from '../pixel/pixel-module.js';
import { storedArrayType } from '../pixel/stored-values.js';
import { transferSyntax } from '../transfer-syntax.js';

/** Reads byte ranges of files straight into caller memory; Node implements it with fs.read. */
export interface RangeReader {
  /** The first `length` bytes of a file (fewer if it is shorter). */
  head(path: string, length: number): Promise<Uint8Array>;
  /** Fills each `into` with the file's bytes from `position`; fails if the file is shorter. */
  readRanges(path: string, ranges: readonly { position: number; into: Uint8Array }[]): Promise<void>;
}

const HEAD_BYTES = 16 * 1024;

/**
 * Native little-endian greyscale whose stored values fill their words is loaded without decoding:
 * its pixel bytes are read from the file straight into the volume (no file buffer, no copy), which is
 * what makes loading an uncompressed CT as fast as the disk cache. Returns false, having read nothing
 * into `data`, when the file needs the general decoder.
 */
export async function readNativeFramesInto(
  file: string,
  frames: readonly { frameIndex: number; offset: number }[],
  data: VoxelArray,
  reader: RangeReader,
): Promise<boolean> {
  const head = await reader.head(file, HEAD_BYTES);
  let parsed: ReturnType<typeof parseDicom>;
  try {
    parsed = parseDicom(head, { file, untilPixelData: true });
  } catch {
    return false;
  }
  const element = parsed.dataSet.elements.x7fe00010;
  // Deflated files hold their pixel bytes compressed: offsets in the dataset are not offsets in the file.
  if (!element || transferSyntax(parsed.transferSyntaxUID)?.deflated !== false) return false;
  const encoding = pixelEncoding(parsed.transferSyntaxUID);
  const module = readPixelModule(parsed.dataSet);
  const plain =
    encoding.kind === 'native' &&
    !encoding.bigEndian &&
    module.samplesPerPixel === 1 &&
    !module.palette &&
    module.bitsAllocated >= 8 &&
    module.bitsStored === module.bitsAllocated &&
    module.highBit === module.bitsStored - 1 &&
    data instanceof storedArrayType(module);
  const frameBytes = (module.rows * module.columns * module.bitsAllocated) / 8;
  if (!plain || element.length < frameBytes * module.numberOfFrames) return false;
  const ranges = frames.map(({ frameIndex, offset }) => ({
    position: element.dataOffset + frameIndex * frameBytes,
    into: new Uint8Array(data.buffer, data.byteOffset + offset * data.BYTES_PER_ELEMENT, frameBytes),
  }));
  await reader.readRanges(file, ranges);
  return true;
}
