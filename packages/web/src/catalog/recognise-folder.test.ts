import { describe, expect, it } from 'vitest';
import { recogniseFolder } from './recognise-folder.js';

const DATASET_JSON = JSON.stringify({
  name: 'Spleen',
  description: 'Spleen segmentation',
  tensorImageSize: '3D',
  modality: { 0: 'CT' },
  labels: { 0: 'background', 1: 'spleen' },
  numTraining: 2,
  numTest: 1,
  training: [
    { image: './imagesTr/spleen_2.nii.gz', label: './labelsTr/spleen_2.nii.gz' },
    { image: './imagesTr/spleen_3.nii.gz', label: './labelsTr/spleen_3.nii.gz' },
  ],
  test: ['./imagesTs/spleen_1.nii.gz'],
});

/** A chosen folder: text for the small files, a few bytes standing in for each image. */
function folder(files: Record<string, string>) {
  return Object.entries(files).map(([path, text]) => ({ path, file: new Blob([text || '\u0000']) }));
}

const SPLEEN = {
  'Task09_Spleen/dataset.json': DATASET_JSON,
  'Task09_Spleen/imagesTr/spleen_2.nii.gz': '',
  'Task09_Spleen/imagesTr/spleen_3.nii.gz': '',
  'Task09_Spleen/labelsTr/spleen_2.nii.gz': '',
  'Task09_Spleen/labelsTr/spleen_3.nii.gz': '',
  'Task09_Spleen/imagesTs/spleen_1.nii.gz': '',
  'Task09_Spleen/LICENSE': 'CC-BY-SA 4.0',
};

describe('recogniseFolder', () => {
  it('recognises a Decathlon task reading only its dataset.json', async () => {
    const found = await recogniseFolder(folder(SPLEEN));
    expect(found.ok).toBe(true);
    if (!found.ok) return;
    expect(found.read).toEqual(['Task09_Spleen/dataset.json']);
    expect(found.layout).toMatchObject({
      kind: 'msd',
      labels: [{ name: 'spleen', type: 'mask', value: 1 }],
      ignored: ['Task09_Spleen/LICENSE'],
    });
    expect(found.layout.summary).toBe('Decathlon task Spleen: 2 training cases, 1 test; labels spleen');
  });

  it('names the file that breaks the layout', async () => {
    const { 'Task09_Spleen/labelsTr/spleen_3.nii.gz': _missing, ...broken } = SPLEEN;
    expect(await recogniseFolder(folder(broken))).toEqual({
      ok: false,
      file: 'Task09_Spleen/labelsTr/spleen_3.nii.gz',
      message: 'Task09_Spleen/labelsTr/spleen_3.nii.gz: dataset.json names it, but it is not in the folder',
    });
    const bad = await recogniseFolder(folder({ ...SPLEEN, 'Task09_Spleen/dataset.json': '{"name": ' }));
    expect(bad).toMatchObject({ ok: false, file: 'Task09_Spleen/dataset.json' });
    if (!bad.ok) expect(bad.message).toMatch(/^Task09_Spleen\/dataset.json: not JSON/);
  });

  it('takes a folder of plain images as images without labels', async () => {
    const found = await recogniseFolder(folder({ 'x/a.png': '', 'x/b.png': '' }));
    expect(found).toMatchObject({ ok: true, read: [], layout: { kind: 'images', labels: [] } });
  });
});
