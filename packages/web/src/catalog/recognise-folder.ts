import { type DatasetLayout, LayoutError, recogniseLayout } from '@voxelhub/core/export';
import type { FolderFile } from './folder-files.js';

/** What a chosen folder turned out to be: a layout, or why it breaks the layout it claims. */
export type FolderRecognition =
  | { readonly ok: true; readonly layout: DatasetLayout; readonly read: readonly string[] }
  | { readonly ok: false; readonly message: string; readonly file: string | null };

/**
 * Recognises the layout of the chosen files, reading as text only the few small files recogniseLayout
 * asks for (a dataset.json, a data.yaml, candidate JSON and CSV files), never the images. `read` lists
 * them. A LayoutError names the file that breaks the layout; any other failure (a file that cannot be
 * read) is reported with its message.
 */
export async function recogniseFolder(files: readonly FolderFile[]): Promise<FolderRecognition> {
  const byPath = new Map(files.map((f) => [f.path, f.file]));
  const read: string[] = [];
  const readText = async (path: string) => {
    const file = byPath.get(path);
    if (!file) throw new LayoutError(path, 'not in the chosen folder');
    read.push(path);
    return file.text();
  };
  try {
    const layout = await recogniseLayout([...byPath.keys()], readText);
    return { ok: true, layout, read };
  } catch (error) {
    if (error instanceof LayoutError) return { ok: false, message: error.message, file: error.file };
    return { ok: false, message: `the folder could not be read: ${String(error)}`, file: null };
  }
}
