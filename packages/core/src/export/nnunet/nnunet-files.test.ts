import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readNifti } from '../../nifti/read-nifti.js';
import { readTestdata, testdataPath } from '../../test-support/shared-data.js';
import type { ExportFile } from '../export-dataset.js';
import { nnunetDatasetJsonSchema } from './nnunet-dataset-json.js';
import { type NnunetExportInput, nnunetFiles } from './nnunet-files.js';
import type { CaseLabelMap } from './segmentation-export-input.js';
import { maxDifference, NIBABEL_READS, type NibabelRead, rasAffineOf } from './test-nibabel.js';
import {
  AXIAL,
  LABELS,
  labelMapOf,
  OBLIQUE,
  ramp,
  realCase,
  threeCases,
} from './test-segmentation-dataset.js';

const work = mkdtempSync(join(tmpdir(), 'voxelhub-nnunet-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function writeTree(files: readonly ExportFile[]): string {
  const root = mkdtempSync(join(work, 'export-'));
  for (const file of files) {
    mkdirSync(dirname(join(root, file.path)), { recursive: true });
    writeFileSync(join(root, file.path), file.bytes);
  }
  return root;
}

function nibabelReads(root: string, pairs: readonly [string, string | undefined][]): NibabelRead[] {
  const at = (path: string) => (isAbsolute(path) ? path : join(root, path));
  const args = pairs.flatMap(([image, label]) => [at(image), label ? at(label) : '-']);
  const out = execFileSync('/usr/bin/python3', ['-c', NIBABEL_READS, ...args], { maxBuffer: 1 << 26 });
  return JSON.parse(out.toString());
}

function datasetJsonOf(files: readonly ExportFile[]) {
  return JSON.parse(new TextDecoder().decode(files.find((f) => f.path.endsWith('/dataset.json'))!.bytes));
}

// nibabel's own example scan (testdata/nibabel/anatomical.nii): real int16 voxels and a real affine.
const real = realCase(readNifti(readTestdata('nibabel', 'anatomical.nii')));
const input: NnunetExportInput = { ...threeCases(real), datasetId: 501, datasetName: 'Liver' };
function labelMapOfCase(id: string) {
  return (input.labelMaps as ReadonlyMap<string, CaseLabelMap>).get(id)!;
}

const TRAINING_PAIR = [
  'Dataset501_Liver/imagesTr/case_001_0000.nii.gz',
  'Dataset501_Liver/labelsTr/case_001.nii.gz',
] as [string, string];

describe('nnunetFiles', () => {
  const files = nnunetFiles(input);

  it('lays the cases out as documentation/dataset_format.md says', () => {
    expect(files.map((f) => f.path).sort()).toEqual([
      'Dataset501_Liver/dataset.json',
      'Dataset501_Liver/imagesTr/case_001_0000.nii.gz',
      'Dataset501_Liver/imagesTr/case_002_0000.nii.gz',
      'Dataset501_Liver/imagesTs/case_003_0000.nii.gz',
      'Dataset501_Liver/labelsTr/case_001.nii.gz',
      'Dataset501_Liver/labelsTr/case_002.nii.gz',
    ]);
    for (const f of files.filter((f) => f.path.endsWith('.gz')))
      expect([f.bytes[0], f.bytes[1]]).toEqual([0x1f, 0x8b]);
  });

  it('writes dataset.json with the documented fields: channel_names, labels, numTraining, file_ending', () => {
    const json = datasetJsonOf(files);
    // The documented Dataset005_Prostate example holds these four keys; 'name' is what nnU-Net's
    // generate_dataset_json writes for its dataset_name argument. Train and validation are both training.
    expect(json).toEqual({
      name: 'Liver',
      channel_names: { '0': 'CT' },
      labels: { background: 0, liver: 1, 'liver tumour': 2 },
      numTraining: 2,
      file_ending: '.nii.gz',
    });
    expect(nnunetDatasetJsonSchema.safeParse(json).success).toBe(true);
  });

  it('gives nibabel images and labels of one shape and one affine, with the voxels written', () => {
    const root = writeTree(files);
    const [oblique, anatomical, test, source] = nibabelReads(root, [
      TRAINING_PAIR,
      ['Dataset501_Liver/imagesTr/case_002_0000.nii.gz', 'Dataset501_Liver/labelsTr/case_002.nii.gz'],
      ['Dataset501_Liver/imagesTs/case_003_0000.nii.gz', undefined],
      [testdataPath('nibabel', 'anatomical.nii'), undefined],
    ]);
    const cases = [
      [oblique!, OBLIQUE],
      [anatomical!, real.labelMap.geometry],
    ] as const;
    for (const [read, geometry] of cases) {
      expect(read.same_affine).toBe(true);
      expect(read.label_shape).toEqual(read.shape);
      expect(read.shape).toEqual([...geometry.dims]);
      expect(read.label_dtype).toBe('uint8');
      expect(maxDifference(read.affine, rasAffineOf(geometry))).toBeLessThan(1e-4);
    }
    expect(oblique!.labels).toEqual([...labelMapOfCase('img-case_001').voxels]);
    expect(anatomical!.labels).toEqual([...real.labelMap.voxels]);
    expect(new Set(anatomical!.labels)).toEqual(new Set([0, 1, 2]));
    expect(oblique!.dtype).toBe('int16');
    expect(oblique!.data).toEqual([...ramp(OBLIQUE)]);
    // nibabel's reading of the source file is the reference for the real case's voxels and affine.
    expect(anatomical!.data).toEqual(source!.data);
    expect(maxDifference(anatomical!.affine, source!.affine)).toBeLessThan(1e-5);
    expect(test!.shape).toEqual([...AXIAL.dims]);
    expect(test!.dtype).toBe('float32');
    expect(maxDifference(test!.affine, rasAffineOf(AXIAL))).toBeLessThan(1e-5);
  });
});

describe('nnunetFiles class numbers and types', () => {
  const image = { ...input.dataset.images[0]!, split: 'train' as const };

  it('numbers the classes 1…n when another label sits between them', () => {
    const labels = [LABELS[0]!, { ...LABELS[2]!, classIndex: 2 }, { ...LABELS[1]!, classIndex: 3 }];
    const map = labelMapOf(OBLIQUE, (i) => (i === 0 ? 3 : i === 1 ? 1 : 0));
    const out = nnunetFiles({
      ...input,
      dataset: { ...input.dataset, images: [image], labels },
      labelMaps: new Map([[image.id, map]]),
    });
    expect(datasetJsonOf(out).labels).toEqual({ background: 0, liver: 1, 'liver tumour': 2 });
    const [read] = nibabelReads(writeTree(out), [TRAINING_PAIR]);
    expect(read!.labels).toEqual([...map.voxels].map((v) => (v === 3 ? 2 : v)));
  });

  it('writes uint16 labels past 255 classes', () => {
    const labels = Array.from({ length: 300 }, (_, n) => ({
      ...LABELS[0]!,
      id: `m${n}`,
      name: `m${n}`,
      classIndex: n + 1,
    }));
    const map = labelMapOf(OBLIQUE, (i) => (i === 0 ? 1 : 0));
    const out = nnunetFiles({
      ...input,
      dataset: { ...input.dataset, images: [image], labels },
      labelMaps: new Map([
        [image.id, { ...map, voxels: Uint16Array.from(map.voxels, (v) => (v ? 300 : 0)) }],
      ]),
    });
    const [read] = nibabelReads(writeTree(out), [TRAINING_PAIR]);
    expect(read!.label_dtype).toBe('uint16');
    expect(read!.labels).toEqual([...map.voxels].map((v) => (v ? 300 : 0)));
  });

  it('writes .nii files when asked', () => {
    const out = nnunetFiles({ ...input, fileEnding: '.nii' });
    expect(out.map((f) => f.path)).toContain('Dataset501_Liver/labelsTr/case_001.nii');
    expect(datasetJsonOf(out).file_ending).toBe('.nii');
    const [read] = nibabelReads(writeTree(out), [
      ['Dataset501_Liver/imagesTr/case_001_0000.nii', 'Dataset501_Liver/labelsTr/case_001.nii'],
    ]);
    expect(read!.same_affine).toBe(true);
  });

  it('names the channel from the caller, or MR as MRI', () => {
    const mr = { ...input.dataset, images: input.dataset.images.map((i) => ({ ...i, modality: 'MR' })) };
    expect(datasetJsonOf(nnunetFiles({ ...input, dataset: mr })).channel_names).toEqual({ '0': 'MRI' });
    const t2 = nnunetFiles({ ...input, dataset: mr, channelNames: { '0': 'T2' } });
    expect(datasetJsonOf(t2).channel_names).toEqual({ '0': 'T2' });
  });
});

describe('nnunetFiles bad input', () => {
  const { dataset } = input;
  const [first, second] = dataset.images;
  const cases: [string, Partial<NnunetExportInput>, RegExp][] = [
    ['dataset id 0', { datasetId: 0 }, /datasetId must be an integer 1–999/],
    ['dataset id 1000', { datasetId: 1000 }, /datasetId must be an integer 1–999/],
    ['a slash in the name', { datasetName: 'Liver/x' }, /datasetName/],
    [
      'a training case without label map',
      { labelMaps: new Map() },
      /no label map given for training case case_001/,
    ],
    ['an image without voxels', { images: new Map() }, /no image voxels given for case_001/],
    [
      'a voxel of no class',
      { labelMaps: new Map([['img-case_001', labelMapOf(OBLIQUE, () => 7)]]) },
      /label map of case_001 holds 7/,
    ],
    [
      'a label map on another grid',
      { labelMaps: new Map([['img-case_001', labelMapOf({ ...OBLIQUE, spacing: [1, 1, 1] }, () => 0)]]) },
      /case_001: the label map's geometry differs/,
    ],
    [
      'a class named background',
      { dataset: { ...dataset, labels: [{ ...LABELS[0]!, name: 'background' }] } },
      /reserves/,
    ],
    [
      'two classes of one name',
      { dataset: { ...dataset, labels: [LABELS[0]!, { ...LABELS[1]!, name: 'liver' }] } },
      /two class labels/,
    ],
    ['no mask labels', { dataset: { ...dataset, labels: [LABELS[2]!] } }, /no mask labels/],
    [
      'mixed modalities',
      { dataset: { ...dataset, images: [{ ...first!, modality: 'MR' }, second!] } },
      /pass channelNames/,
    ],
    [
      'a repeated case name',
      { dataset: { ...dataset, images: [first!, { ...second!, caseName: 'case_001' }] } },
      /share the case name/,
    ],
    [
      'a space in a case name',
      { dataset: { ...dataset, images: [{ ...first!, caseName: 'case 1' }] } },
      /case name 'case 1'/,
    ],
    ['two channels', { channelNames: { '0': 'CT', '1': 'PET' } as { '0': string } }, /channelNames must be/],
  ];
  for (const [what, change, message] of cases) {
    it(`rejects ${what}`, () => {
      expect(() => nnunetFiles({ ...input, ...change })).toThrow(RangeError);
      expect(() => nnunetFiles({ ...input, ...change })).toThrow(message);
    });
  }
});
