import type { FolderFile } from './folder-files.js';

/**
 * The parts of the File and Directory Entries API a dropped folder is read through
 * (DataTransferItem.webkitGetAsEntry), as small as the walk needs, so tests can hand in plain objects.
 */
export interface DroppedEntry {
  readonly isFile: boolean;
  readonly isDirectory: boolean;
  /** "/Task03_Liver/imagesTr/liver_0.nii.gz" for a dropped Task03_Liver folder. */
  readonly fullPath: string;
  file?(success: (file: File) => void, failure?: (error: unknown) => void): void;
  createReader?(): {
    readEntries(success: (entries: DroppedEntry[]) => void, failure?: (error: unknown) => void): void;
  };
}

async function childrenOf(entry: DroppedEntry): Promise<DroppedEntry[]> {
  const reader = entry.createReader?.();
  if (!reader) return [];
  const all: DroppedEntry[] = [];
  // readEntries answers in batches (100 at a time in Chromium) and with [] once the folder is read.
  for (;;) {
    const batch = await new Promise<DroppedEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) return all;
    all.push(...batch);
  }
}

/** Every file under the dropped entries, with paths like webkitRelativePath (no leading slash). */
export async function filesOfDroppedEntries(entries: readonly DroppedEntry[]): Promise<FolderFile[]> {
  const files: FolderFile[] = [];
  const walk = async (entry: DroppedEntry): Promise<void> => {
    if (entry.isDirectory) {
      for (const child of await childrenOf(entry)) await walk(child);
      return;
    }
    if (!entry.isFile || !entry.file) return;
    const file = await new Promise<File>((resolve, reject) => entry.file!(resolve, reject));
    files.push({ path: entry.fullPath.replace(/^\/+/, ''), file });
  };
  for (const entry of entries) await walk(entry);
  return files;
}

/** The entries of a drop (a folder dragged from the file manager); empty when the browser gives none. */
export function droppedEntriesOf(transfer: DataTransfer): DroppedEntry[] {
  return [...transfer.items]
    .map((item) => item.webkitGetAsEntry?.() as DroppedEntry | null | undefined)
    .filter((entry): entry is DroppedEntry => entry != null);
}
