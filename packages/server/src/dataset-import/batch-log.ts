import { appendFile, readFile } from 'node:fs/promises';

/**
 * The label batches a job has written, one name a line in a file beside its staged folder: a job the
 * worker interrupted runs again from the start (images come back as duplicates), and a batch already
 * written must not be written twice.
 */
export interface BatchLog {
  has(name: string): boolean;
  add(name: string): Promise<void>;
}

export async function openBatchLog(path: string): Promise<BatchLog> {
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return '';
    throw error;
  });
  const done = new Set(text.split('\n').filter(Boolean));
  return {
    has: (name) => done.has(name),
    async add(name) {
      done.add(name);
      await appendFile(path, `${name.replace(/\n/g, ' ')}\n`, { mode: 0o640 });
    },
  };
}
