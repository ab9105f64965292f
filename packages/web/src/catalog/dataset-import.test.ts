import { describe, expect, it } from 'vitest';
import { datasetImportForm, datasetImportUrl } from './dataset-import.js';

describe('the dataset import request', () => {
  it('posts to the project’s dataset imports', () => {
    expect(datasetImportUrl('p 1')).toBe('/api/projects/p%201/dataset-imports');
  });

  it('sends the layout first, then each file named by its path in the folder', async () => {
    const form = datasetImportForm(
      [
        { path: 'Task09/dataset.json', file: new Blob(['{}']) },
        { path: 'Task09/imagesTr/a.nii.gz', file: new Blob([new Uint8Array([1, 2, 3])]) },
      ],
      'msd',
    );
    const parts = [...form.entries()];
    expect(parts.map(([name]) => name)).toEqual(['layout', 'file', 'file']);
    expect(parts[0]![1]).toBe('msd');
    const files = parts.slice(1).map(([, value]) => value as File);
    expect(files.map((f) => f.name)).toEqual(['Task09/dataset.json', 'Task09/imagesTr/a.nii.gz']);
    expect(new Uint8Array(await files[1]!.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3]));
    expect(datasetImportForm([], 'auto').get('layout')).toBe('auto');
  });
});
