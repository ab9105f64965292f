/**
 * The worker's code as a string, run with `new Worker(source, { eval: true })`: no file to locate,
 * so it works the same from compiled JS and from TypeScript sources under Vitest.
 *
 * Each job deflates one part of the input as raw deflate. Every part but the last ends with a sync
 * flush (an empty stored block that byte-aligns the stream without ending it), so the parts
 * concatenate into one deflate stream; the last part finishes it. The 32 KB before the part is the
 * dictionary, so matches may reach back across the boundary as in a single-threaded stream (pigz does
 * the same). The part's CRC-32 comes back with it.
 */
export const DEFLATE_WORKER_SOURCE = `
'use strict';
const { parentPort } = require('node:worker_threads');
const zlib = require('node:zlib');
parentPort.on('message', (job) => {
  try {
    const options = { level: job.level };
    if (!job.last) options.finishFlush = zlib.constants.Z_SYNC_FLUSH;
    if (job.dictionary.length > 0) options.dictionary = job.dictionary;
    const deflated = zlib.deflateRawSync(job.part, options);
    // A Buffer may share a pooled ArrayBuffer: transfer a copy that owns its memory.
    const out = new Uint8Array(deflated.length);
    out.set(deflated);
    parentPort.postMessage({ index: job.index, out, crc: zlib.crc32(job.part) }, [out.buffer]);
  } catch (error) {
    parentPort.postMessage({ index: job.index, error: String(error && error.stack || error) });
  }
});
`;
