import type { DatasetLayout } from '@voxelhub/core/export';
import { describe, expect, it } from 'vitest';
import { filesToUpload, folderFilesOf, folderNameOf, totalsOf } from './folder-files.js';

function file(name: string, bytes: number, relative = '') {
  const made = new File([new Uint8Array(bytes)], name);
  Object.defineProperty(made, 'webkitRelativePath', { value: relative });
  return made;
}

describe('folder files', () => {
  it('keeps each file’s path in the chosen folder, or its name when it has none', () => {
    const files = folderFilesOf([file('a.nii.gz', 3, 'Task09_Spleen/imagesTr/a.nii.gz'), file('b.png', 1)]);
    expect(files.map((f) => f.path)).toEqual(['Task09_Spleen/imagesTr/a.nii.gz', 'b.png']);
  });

  it('names the folder the files share, and none for loose files', () => {
    const paths = (...p: string[]) => p.map((path) => ({ path, file: new Blob([]) }));
    expect(folderNameOf(paths('Task09/dataset.json', 'Task09/imagesTr/a.nii.gz'))).toBe('Task09');
    expect(folderNameOf(paths('a.png', 'b.png'))).toBe('');
    expect(folderNameOf(paths('x/a.png', 'y/b.png'))).toBe('');
  });

  it('uploads what the layout uses and leaves ignored and hidden files on disk', () => {
    const files = [
      'T/dataset.json',
      'T/imagesTr/a.nii.gz',
      'T/labelsTr/a.nii.gz',
      'T/README.md',
      'T/.DS_Store',
    ].map((path, i) => ({ path, file: new Blob([new Uint8Array(i + 1)]) }));
    const layout = { kind: 'msd', ignored: ['T/README.md'] } as unknown as DatasetLayout;
    const chosen = filesToUpload(files, layout);
    expect(chosen.map((f) => f.path)).toEqual([
      'T/dataset.json',
      'T/imagesTr/a.nii.gz',
      'T/labelsTr/a.nii.gz',
    ]);
    expect(totalsOf(chosen)).toEqual({ files: 3, bytes: 1 + 2 + 3 });
  });
});
