import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { ExportFile } from '@voxelhub/core/export';

/**
 * The folder an export is written into, counting what it wrote. Paths come from the core writers (forward
 * slashes, relative); one that would leave the folder is a bug and is refused. Nothing is written outside
 * the folder, so a caller cleans up a failed export by deleting it.
 */
export class ExportOutput {
  private readonly root: string;
  private readonly written = new Set<string>();
  files = 0;
  bytes = 0;

  constructor(root: string) {
    this.root = resolve(root);
  }

  async write(file: ExportFile): Promise<void> {
    const target = resolve(join(this.root, ...file.path.split('/')));
    if (!target.startsWith(this.root + sep) || file.path.startsWith('/'))
      throw new Error(`export path ${file.path} is outside the export folder`);
    if (this.written.has(target)) throw new Error(`the export writes ${file.path} twice`);
    this.written.add(target);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, file.bytes, { flag: 'wx' });
    this.files += 1;
    this.bytes += file.bytes.byteLength;
  }

  async writeAll(files: Iterable<ExportFile>): Promise<void> {
    for (const file of files) await this.write(file);
  }
}
