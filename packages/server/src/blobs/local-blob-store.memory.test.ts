import { createHash } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { expect, it } from 'vitest';
import { LocalBlobStore } from './local-blob-store.js';

const MiB = 1024 * 1024;

it('a 200 MB streamed put grows the resident set by far less than the upload (< 64 MB)', async () => {
  const root = await mkdtemp(join(tmpdir(), 'voxelhub-blobs-memory-'));
  try {
    const store = await LocalBlobStore.open(root);
    const expected = createHash('sha256');
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    // A fresh buffer per chunk, as a network upload delivers them: a store that kept chunks would keep them all.
    function* upload() {
      for (let i = 0; i < 200; i++) {
        const chunk = Buffer.alloc(MiB, i % 256);
        chunk.writeUInt32LE(i, 0);
        expected.update(chunk);
        peak = Math.max(peak, process.memoryUsage().rss);
        yield chunk;
      }
    }
    const result = await store.put(Readable.from(upload()));
    peak = Math.max(peak, process.memoryUsage().rss);
    expect(result.size).toBe(200 * MiB);
    expect(result.key).toBe(expected.digest('hex'));
    expect((await stat(join(root, result.key.slice(0, 2), result.key.slice(2, 4), result.key))).size).toBe(
      200 * MiB,
    );
    expect(peak - baseline).toBeLessThan(64 * MiB);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
