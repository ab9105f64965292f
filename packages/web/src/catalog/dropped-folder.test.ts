import { describe, expect, it } from 'vitest';
import { type DroppedEntry, filesOfDroppedEntries } from './dropped-folder.js';

function fileEntry(fullPath: string, text: string): DroppedEntry {
  const file = new File([text], fullPath.slice(fullPath.lastIndexOf('/') + 1));
  return { isFile: true, isDirectory: false, fullPath, file: (done) => done(file) };
}

/** A folder whose reader answers in batches of `batch`, then [] as Chromium's does. */
function folderEntry(fullPath: string, children: DroppedEntry[], batch = 2): DroppedEntry {
  return {
    isFile: false,
    isDirectory: true,
    fullPath,
    createReader() {
      let next = 0;
      return {
        readEntries(done) {
          done(children.slice(next, next + batch));
          next += batch;
        },
      };
    },
  };
}

describe('filesOfDroppedEntries', () => {
  it('walks a dropped folder, reading every batch, with paths like webkitRelativePath', async () => {
    const dropped = folderEntry('/Task09', [
      fileEntry('/Task09/dataset.json', '{}'),
      folderEntry('/Task09/imagesTr', [
        fileEntry('/Task09/imagesTr/a.nii.gz', 'a'),
        fileEntry('/Task09/imagesTr/b.nii.gz', 'b'),
        fileEntry('/Task09/imagesTr/c.nii.gz', 'c'),
      ]),
      fileEntry('/Task09/README.md', '#'),
    ]);
    const files = await filesOfDroppedEntries([dropped]);
    expect(files.map((f) => f.path)).toEqual([
      'Task09/dataset.json',
      'Task09/imagesTr/a.nii.gz',
      'Task09/imagesTr/b.nii.gz',
      'Task09/imagesTr/c.nii.gz',
      'Task09/README.md',
    ]);
    expect(await files[2]!.file.text()).toBe('b');
  });

  it('passes on a file that cannot be read', async () => {
    const broken: DroppedEntry = {
      isFile: true,
      isDirectory: false,
      fullPath: '/x.png',
      file: (_done, fail) => fail?.(new Error('NotReadableError')),
    };
    await expect(filesOfDroppedEntries([broken])).rejects.toThrow('NotReadableError');
  });
});
