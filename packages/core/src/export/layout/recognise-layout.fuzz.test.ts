import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LayoutError } from './layout-error.js';
import { recogniseLayout } from './recognise-layout.js';

/**
 * recogniseLayout reads files a user downloaded from anywhere: whatever their names and small files hold,
 * it must answer a layout or a LayoutError naming a file of the folder (or one its layout lacks) — never
 * another exception, never a hang. Names are drawn from the layouts' own vocabulary so that every recogniser is reached.
 */
const NAMES = [
  'dataset.json',
  'data.yaml',
  'imagesTr/a_0000.nii.gz',
  'imagesTr/a.nii.gz',
  'labelsTr/a.nii.gz',
  'imagesTs/b_0000.nii.gz',
  'labels/train/x.txt',
  'images/train/x.png',
  'annotations/instances_train.json',
  'labels.csv',
  'x.png',
  'IM0001',
  'study/1.dcm',
];

const TEXTS = [
  '{"channel_names":{"0":"CT"},"labels":{"background":0,"a":1},"numTraining":1,"file_ending":".nii.gz"}',
  '{"name":"T","description":"","tensorImageSize":"3D","modality":{"0":"CT"},"labels":{"0":"background","1":"x"},"numTraining":1,"numTest":0,"training":[{"image":"./imagesTr/a.nii.gz","label":"./labelsTr/a.nii.gz"}],"test":[]}',
  '{"images":[],"annotations":[{"category_id":1,"segmentation":{}}],"categories":[{"id":1,"name":"n"}]}',
  'names: [a, b]\n',
  'Image Index,Finding Labels\nx.png,A|B\n',
  '0 0.5 0.5 0.1 0.1\n',
];

const folder = fc
  .uniqueArray(fc.constantFrom(...NAMES), { minLength: 1, maxLength: NAMES.length })
  .chain((paths) =>
    fc.tuple(
      fc.constant(paths),
      fc.array(
        fc.oneof(
          fc.constantFrom(...TEXTS),
          fc.string({ maxLength: 200 }),
          fc.constantFrom(...TEXTS).map((t) => t.slice(0, t.length / 2)),
        ),
        {
          minLength: paths.length,
          maxLength: paths.length,
        },
      ),
    ),
  );

describe('recogniseLayout on arbitrary folders', () => {
  it('answers a layout or a LayoutError naming the file at fault', async () => {
    await fc.assert(
      fc.asyncProperty(folder, async ([paths, texts]) => {
        const content = new Map(paths.map((p, i) => [p, texts[i]!]));
        try {
          const layout = await recogniseLayout(paths, async (p) => content.get(p) ?? '');
          expect(typeof layout.summary).toBe('string');
        } catch (error) {
          if (!(error instanceof LayoutError)) throw error;
          // It names a file of the folder, or one the layout needs and the folder lacks.
          const named =
            paths.includes(error.file) || /not in the folder|has no label file/.test(error.message);
          expect(named, error.message).toBe(true);
        }
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});
