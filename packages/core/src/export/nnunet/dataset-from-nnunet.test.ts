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
import { datasetFromNnunet } from './dataset-from-nnunet.js';
import { type NnunetExportInput, nnunetFiles } from './nnunet-files.js';
import type { CaseLabelMap } from './segmentation-export-input.js';
import { AXIAL, OBLIQUE, realCase, threeCases } from './test-segmentation-dataset.js';

const work = mkdtempSync(join(tmpdir(), 'voxelhub-nnunet-read-'));
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
const input: NnunetExportInput = { ...threeCases(real), datasetId: 7, datasetName: 'Liver' };
const labelMaps = input.labelMaps as ReadonlyMap<string, CaseLabelMap>;

describe('datasetFromNnunet of nnunetFiles', () => {
  const files = nnunetFiles(input);

  it('gives back the label maps, geometries and classes written', () => {
    const back = datasetFromNnunet(files);
    expect(back.name).toBe('Liver');
    expect(back.channelNames).toEqual({ '0': 'CT' });
    expect(back.labels).toEqual([
      { name: 'liver', classIndex: 1 },
      { name: 'liver tumour', classIndex: 2 },
    ]);
    expect(back.cases.map((c) => [c.caseName, c.split, c.imagePaths])).toEqual([
      ['case_001', 'train', ['Dataset007_Liver/imagesTr/case_001_0000.nii.gz']],
      ['case_002', 'train', ['Dataset007_Liver/imagesTr/case_002_0000.nii.gz']],
      ['case_003', 'test', ['Dataset007_Liver/imagesTs/case_003_0000.nii.gz']],
    ]);
    const [oblique, anatomical, test] = back.cases;
    expect(oblique!.labelMap!.voxels).toEqual(labelMaps.get('img-case_001')!.voxels);
    expect(anatomical!.labelMap!.voxels).toEqual(real.labelMap.voxels);
    expect(test!.labelMap).toBeUndefined();
    // NIfTI-1 holds the affine as float32: about 1e-7 relative, within 1e-6 at these sizes.
    expectGeometryClose(oblique!.geometry, OBLIQUE, 1e-6);
    expectGeometryClose(anatomical!.geometry, real.labelMap.geometry, 1e-6);
    expectGeometryClose(test!.geometry, AXIAL, 1e-6);
  });

  it('finds the folder at any depth, and reads .nii datasets', () => {
    const nested = files.map((f) => ({ ...f, path: `exports/v3/${f.path}` }));
    expect(datasetFromNnunet(nested).cases[0]!.imagePaths).toEqual([
      'exports/v3/Dataset007_Liver/imagesTr/case_001_0000.nii.gz',
    ]);
    const nii = datasetFromNnunet(nnunetFiles({ ...input, fileEnding: '.nii' }));
    expect(nii.cases[0]!.labelMap!.voxels).toEqual(labelMaps.get('img-case_001')!.voxels);
  });

  it('says what is wrong with a broken folder, naming the file', () => {
    const json = (value: unknown): ExportFile => ({
      path: 'Dataset007_Liver/dataset.json',
      bytes: new TextEncoder().encode(JSON.stringify(value)),
    });
    const good = JSON.parse(
      new TextDecoder().decode(files.find((f) => f.path.endsWith('dataset.json'))!.bytes),
    );
    const others = files.filter((f) => !f.path.endsWith('dataset.json'));
    const broken: [string, ExportFile[], RegExp][] = [
      ['no dataset.json', others, /no dataset.json/],
      [
        'a label gap',
        [...others, json({ ...good, labels: { background: 0, liver: 1, tumour: 3 } })],
        /consecutive/,
      ],
      ['no background', [...others, json({ ...good, labels: { liver: 0, tumour: 1 } })], /background/],
      ['no file_ending', [...others, json({ ...good, file_ending: undefined })], /file_ending/],
      [
        'a wrong numTraining',
        [...others, json({ ...good, numTraining: 3 })],
        /numTraining is 3 but labelsTr holds 2/,
      ],
      [
        'a missing image',
        [...others.filter((f) => !f.path.includes('case_002_0000')), json(good)],
        /case_002_0000/,
      ],
      [
        'a label value not in dataset.json',
        [...others, json({ ...good, labels: { background: 0, liver: 1 } })],
        /holds label 2; dataset.json lists 0–1/,
      ],
    ];
    for (const [what, broken_, message] of broken) {
      expect(() => datasetFromNnunet(broken_), what).toThrow(ImageReadError);
      expect(() => datasetFromNnunet(broken_), what).toThrow(message);
    }
  });
});

/**
 * A dataset as nnU-Net users make one, written by nibabel (an independent NIfTI writer): two channels,
 * an oblique affine, one training case and one test case.
 */
const NIBABEL_WRITES = `
import json, os, sys
import nibabel as nib, numpy as np
root = os.path.join(sys.argv[1], 'Dataset042_Prostate')
for part in ['imagesTr', 'labelsTr', 'imagesTs']:
    os.makedirs(os.path.join(root, part))
c, s = np.cos(0.4), np.sin(0.4)
affine = np.array([[0.8 * c, -0.6 * s, 0, -30.5], [0.8 * s, 0.6 * c, 0, 12.25], [0, 0, 3.6, -7.0], [0, 0, 0, 1]])
labels = np.zeros((5, 4, 3), np.uint8)
labels[0, 0, 0] = 1; labels[4, 0, 0] = 2; labels[0, 3, 2] = 2
for channel in ['0000', '0001']:
    for part, case in [('imagesTr', 'prostate_00'), ('imagesTs', 'prostate_07')]:
        image = nib.Nifti1Image(np.arange(60, dtype=np.float32).reshape(5, 4, 3), affine)
        nib.save(image, os.path.join(root, part, f'{case}_{channel}.nii.gz'))
nib.save(nib.Nifti1Image(labels, affine), os.path.join(root, 'labelsTr', 'prostate_00.nii.gz'))
with open(os.path.join(root, 'dataset.json'), 'w') as f:
    json.dump({'channel_names': {'0': 'T2', '1': 'ADC'}, 'labels': {'background': 0, 'PZ': 1, 'TZ': 2},
               'numTraining': 1, 'file_ending': '.nii.gz'}, f)
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

describe('datasetFromNnunet of a folder nibabel wrote', () => {
  it('reads its cases, channels and LPS geometry', () => {
    const root = mkdtempSync(join(work, 'nibabel-'));
    const labels = JSON.parse(execFileSync('/usr/bin/python3', ['-c', NIBABEL_WRITES, root]).toString());
    const back = datasetFromNnunet(filesUnder(root));
    expect(back.name).toBe('Prostate');
    expect(back.channelNames).toEqual({ '0': 'T2', '1': 'ADC' });
    expect(back.labels).toEqual([
      { name: 'PZ', classIndex: 1 },
      { name: 'TZ', classIndex: 2 },
    ]);
    expect(back.cases.map((c) => [c.caseName, c.split, c.imagePaths.length])).toEqual([
      ['prostate_00', 'train', 2],
      ['prostate_07', 'test', 2],
    ]);
    expect([...back.cases[0]!.labelMap!.voxels]).toEqual(labels);
    // The affine by hand: columns 0.8·(cos, sin, 0), 0.6·(−sin, cos, 0), 3.6·(0, 0, 1) in RAS;
    // LPS negates x and y of the directions and of the origin.
    const [c, s] = [Math.cos(0.4), Math.sin(0.4)];
    const expected: ImageGeometry = {
      dims: [5, 4, 3],
      spacing: [0.8, 0.6, 3.6],
      origin: [30.5, -12.25, -7],
      direction: [-c, s, 0, -s, -c, 0, 0, 0, 1],
    };
    for (const imported of back.cases) expectGeometryClose(imported.geometry, expected, 1e-6);
  });
});
