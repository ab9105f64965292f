import { closeSync, openSync, readSync } from 'node:fs';
import type { RangeReader } from '../dicom/series/native-frame-reader.js';
import { ImageReadError } from '../errors/image-read-error.js';
import { readFileHeadSync } from './file-bytes.js';

/**
 * Byte ranges read with synchronous fs calls, one open per file: for page-cached files this is a
 * straight copy from the kernel into the volume, with no promise or thread-pool hop per frame.
 */
export const fsRangeReader: RangeReader = {
  async head(path, length) {
    return readFileHeadSync(path, new Uint8Array(length)).bytes;
  },
  async readRanges(path, ranges) {
    const fd = openSync(path, 'r');
    try {
      for (const { position, into } of ranges) {
        let read = 0;
        while (read < into.length) {
          const n = readSync(fd, into, read, into.length - read, position + read);
          if (n === 0) {
            throw new ImageReadError(
              'PIXEL_DATA_SHORT',
              `the file ends ${into.length - read} bytes before the pixel data it declares`,
              path,
            );
          }
          read += n;
        }
      }
    } finally {
      closeSync(fd);
    }
  },
};
