import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ImageReadError } from '../../errors/image-read-error.js';
import { readNifti } from '../../nifti/read-nifti.js';
import { readTestdata } from '../../test-support/shared-data.js';
import type { ImageGeometry } from '../../volume/image-volume.js';
import type { ExportFile } from '../export-dataset.js';
import { datasetFromMsd } from './dataset-from-msd.js';
import { type MsdExportInput, msdFiles } from './msd-files.js';
import type { CaseLabelMap } from './segmentation-export-input.js';
import { AXIAL, OBLIQUE, realCase, threeCases } from './test-segmentation-dataset.js';

const work = mkdtempSync(join(tmpdir(), 'voxelhub-msd-read-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function expectGeometryClose(actual: ImageGeometry, expected: ImageGeometry, tolerance: number): void {
  expect(actual.dims).toEqual(expected.dims);
  for (const key of ['spacing', 'origin', 'direction'] as const) {
    actual[key].forEach((v, n) =>
      expect(Math.abs(v - expected[key][n]!), `${key}[${n}]`).toBeLessThan(tolerance),
    );
  }
}

const real = realCase(readNifti(readTestdata('nibabel', 'anatomical.nii')));
const input: MsdExportInput = {
  ...threeCases(real),
  taskId: 12,
  taskName: 'Liver',
  description: 'Liver and tumour',
};
const labelMaps = input.labelMaps as ReadonlyMap<string, CaseLabelMap>;

describe('datasetFromMsd of msdFiles', () => {
  const files = msdFiles(input);

  it('gives back the label maps, geometries and classes written', () => {
    const back = datasetFromMsd(files);
    expect(back.name).toBe('Liver');
    expect(back.channelNames).toEqual({ '0': 'CT' });
    expect(back.labels).toEqual([
      { name: 'liver', classIndex: 1 },
      { name: 'liver tumour', classIndex: 2 },
    ]);
    expect(back.cases.map((c) => [c.caseName, c.split, c.imagePaths])).toEqual([
      ['case_001', 'train', ['Task12_Liver/imagesTr/case_001.nii.gz']],
      ['case_002', 'train', ['Task12_Liver/imagesTr/case_002.nii.gz']],
      ['case_003', 'test', ['Task12_Liver/imagesTs/case_003.nii.gz']],
    ]);
    const [oblique, anatomical, test] = back.cases;
    expect(oblique!.labelMap!.voxels).toEqual(labelMaps.get('img-case_001')!.voxels);
    expect(anatomical!.labelMap!.voxels).toEqual(real.labelMap.voxels);
    // NIfTI-1 holds the affine as float32: about 1e-7 relative, within 1e-6 at these sizes.
    expectGeometryClose(oblique!.geometry, OBLIQUE, 1e-6);
    expectGeometryClose(anatomical!.geometry, real.labelMap.geometry, 1e-6);
    expectGeometryClose(test!.geometry, AXIAL, 1e-6);
  });

  it('says what is wrong with a broken folder, naming the file', () => {
    const good = JSON.parse(
      new TextDecoder().decode(files.find((f) => f.path.endsWith('dataset.json'))!.bytes),
    );
    const others = files.filter((f) => !f.path.endsWith('dataset.json'));
    const json = (value: unknown): ExportFile => ({
      path: 'Task12_Liver/dataset.json',
      bytes: new TextEncoder().encode(JSON.stringify(value)),
    });
    const broken: [string, ExportFile[], RegExp][] = [
      ['a wrong numTest', [...others, json({ ...good, numTest: 2 })], /numTest must equal/],
      ['labels not from "0"', [...others, json({ ...good, labels: { '1': 'liver' } })], /background/],
      [
        'a missing label file',
        [...others.filter((f) => !f.path.includes('labelsTr/case_001')), json(good)],
        /labelsTr\/case_001/,
      ],
      [
        'not JSON',
        [...others, { path: 'Task12_Liver/dataset.json', bytes: new Uint8Array([123]) }],
        /not JSON/,
      ],
    ];
    for (const [what, broken_, message] of broken) {
      expect(() => datasetFromMsd(broken_), what).toThrow(ImageReadError);
      expect(() => datasetFromMsd(broken_), what).toThrow(message);
    }
  });
});

/**
 * A task shaped as the Decathlon ships Task02_Heart (dataset.json keys as in that file, its 'relase'
 * misspelling included), written by nibabel with an oblique affine.
 */
const NIBABEL_WRITES = `
import json, os, sys
import nibabel as nib, numpy as np
root = os.path.join(sys.argv[1], 'Task02_Heart')
for part in ['imagesTr', 'labelsTr', 'imagesTs']:
    os.makedirs(os.path.join(root, part))
c, s = np.cos(-0.3), np.sin(-0.3)
affine = np.array([[1.25, 0, 0, 100.0], [0, 1.25 * c, -1.37 * s, -50.5], [0, 1.25 * s, 1.37 * c, 8.75], [0, 0, 0, 1]])
labels = np.zeros((4, 6, 2), np.uint8)
labels[1:3, 2:5, 1] = 1
for path in ['imagesTr/la_003.nii.gz', 'imagesTs/la_001.nii.gz']:
    nib.save(nib.Nifti1Image(np.ones((4, 6, 2), np.int16), affine), os.path.join(root, path))
nib.save(nib.Nifti1Image(labels, affine), os.path.join(root, 'labelsTr/la_003.nii.gz'))
with open(os.path.join(root, 'dataset.json'), 'w') as f:
    json.dump({'name': 'LeftAtrium', 'description': 'Left atrium segmentation',
               'reference': "King's College London", 'licence': 'CC-BY-SA 4.0', 'relase': '1.0 04/05/2018',
               'tensorImageSize': '3D', 'modality': {'0': 'MRI'}, 'labels': {'0': 'background', '1': 'left atrium'},
               'numTraining': 1, 'numTest': 1,
               'training': [{'image': './imagesTr/la_003.nii.gz', 'label': './labelsTr/la_003.nii.gz'}],
               'test': ['./imagesTs/la_001.nii.gz']}, f)
print(json.dumps(labels.flatten(order='F').tolist()))
`;

function filesUnder(root: string): ExportFile[] {
  const out: ExportFile[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.push({ path: relative(root, path), bytes: new Uint8Array(readFileSync(path)) });
    }
  };
  walk(root);
  return out;
}

describe('datasetFromMsd of a task nibabel wrote', () => {
  it('reads its cases and LPS geometry', () => {
    const root = mkdtempSync(join(work, 'nibabel-'));
    const labels = JSON.parse(execFileSync('/usr/bin/python3', ['-c', NIBABEL_WRITES, root]).toString());
    const back = datasetFromMsd(filesUnder(root));
    expect(back.name).toBe('LeftAtrium');
    expect(back.channelNames).toEqual({ '0': 'MRI' });
    expect(back.labels).toEqual([{ name: 'left atrium', classIndex: 1 }]);
    expect(back.cases.map((c) => [c.caseName, c.split])).toEqual([
      ['la_003', 'train'],
      ['la_001', 'test'],
    ]);
    expect([...back.cases[0]!.labelMap!.voxels]).toEqual(labels);
    // By hand: RAS columns 1.25·(1, 0, 0), 1.25·(0, cos, sin), 1.37·(0, −sin, cos) at angle −0.3;
    // LPS negates x and y of the directions and of the origin.
    const [c, s] = [Math.cos(-0.3), Math.sin(-0.3)];
    const expected: ImageGeometry = {
      dims: [4, 6, 2],
      spacing: [1.25, 1.25, 1.37],
      origin: [-100, 50.5, 8.75],
      direction: [-1, 0, 0, 0, -c, s, 0, s, c],
    };
    for (const imported of back.cases) expectGeometryClose(imported.geometry, expected, 1e-6);
  });
});
