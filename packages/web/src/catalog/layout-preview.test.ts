import { recogniseLayout } from '@voxelhub/core/export';
import { describe, expect, it } from 'vitest';
import { layoutPreview } from './layout-preview.js';

const noText = async (path: string) => {
  throw new Error(`unexpected read of ${path}`);
};

describe('layoutPreview', () => {
  it('counts the cases, images and label maps of a segmentation folder and lists its labels', async () => {
    const json = JSON.stringify({
      channel_names: { 0: 'T2', 1: 'ADC' },
      labels: { background: 0, PZ: 1, TZ: 2 },
      numTraining: 1,
      file_ending: '.nii.gz',
    });
    const layout = await recogniseLayout(
      [
        'D/dataset.json',
        'D/imagesTr/p_001_0000.nii.gz',
        'D/imagesTr/p_001_0001.nii.gz',
        'D/labelsTr/p_001.nii.gz',
        'D/imagesTs/p_009_0000.nii.gz',
        'D/imagesTs/p_009_0001.nii.gz',
        'D/README.md',
      ],
      async () => json,
    );
    expect(layoutPreview(layout)).toEqual({
      title: 'nnU-Net v2 raw dataset',
      summary: 'nnU-Net v2 raw dataset D: 1 training case, 1 test; labels PZ, TZ',
      counts: ['1 training case', '1 test case', '4 image files', '1 label map'],
      labels: ['PZ (mask, value 1)', 'TZ (mask, value 2)'],
      ignored: 1,
    });
  });

  it('shows classification options and plain image counts', async () => {
    const csv = 'Image Index,Finding Labels\na.png,Effusion\nb.png,No Finding\n';
    const table = await recogniseLayout(['t.csv', 'img/a.png', 'img/b.png'], async () => csv);
    const preview = layoutPreview(table);
    expect(preview.counts).toEqual(['2 images', 'labels from t.csv (image column “Image Index”)']);
    expect(preview.labels).toEqual(['Finding Labels (classification, Effusion / No Finding)']);
    const plain = layoutPreview(await recogniseLayout(['a.nii.gz'], noText));
    expect(plain).toMatchObject({ title: 'Image files', counts: ['1 image file'], labels: [], ignored: 0 });
  });
});
