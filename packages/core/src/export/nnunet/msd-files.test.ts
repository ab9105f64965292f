import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readNifti } from '../../nifti/read-nifti.js';
import { readTestdata } from '../../test-support/shared-data.js';
import type { ExportFile } from '../export-dataset.js';
import { msdDatasetJsonSchema } from './msd-dataset-json.js';
import { type MsdExportInput, msdFiles } from './msd-files.js';
import type { CaseLabelMap } from './segmentation-export-input.js';
import { maxDifference, NIBABEL_READS, type NibabelRead, rasAffineOf } from './test-nibabel.js';
import { AXIAL, OBLIQUE, ramp, realCase, threeCases } from './test-segmentation-dataset.js';

const work = mkdtempSync(join(tmpdir(), 'voxelhub-msd-'));
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
  const args = pairs.flatMap(([image, label]) => [join(root, image), label ? join(root, label) : '-']);
  const out = execFileSync('/usr/bin/python3', ['-c', NIBABEL_READS, ...args], { maxBuffer: 1 << 26 });
  return JSON.parse(out.toString());
}

// nibabel's own example scan (testdata/nibabel/anatomical.nii): real int16 voxels and a real affine.
const real = realCase(readNifti(readTestdata('nibabel', 'anatomical.nii')));
const input: MsdExportInput = { ...threeCases(real), taskId: 11, taskName: 'Liver' };

describe('msdFiles', () => {
  const files = msdFiles(input);
  const json = JSON.parse(
    new TextDecoder().decode(files.find((f) => f.path === 'Task11_Liver/dataset.json')!.bytes),
  );

  it("lays the cases out as the Decathlon's tasks are", () => {
    expect(files.map((f) => f.path).sort()).toEqual([
      'Task11_Liver/dataset.json',
      'Task11_Liver/imagesTr/case_001.nii.gz',
      'Task11_Liver/imagesTr/case_002.nii.gz',
      'Task11_Liver/imagesTs/case_003.nii.gz',
      'Task11_Liver/labelsTr/case_001.nii.gz',
      'Task11_Liver/labelsTr/case_002.nii.gz',
    ]);
  });

  it("writes dataset.json with the Decathlon's fields (as in Task02_Heart/dataset.json)", () => {
    expect(json).toEqual({
      name: 'Liver',
      description: 'Liver study',
      tensorImageSize: '3D',
      modality: { '0': 'CT' },
      labels: { '0': 'background', '1': 'liver', '2': 'liver tumour' },
      numTraining: 2,
      numTest: 1,
      training: [
        { image: './imagesTr/case_001.nii.gz', label: './labelsTr/case_001.nii.gz' },
        { image: './imagesTr/case_002.nii.gz', label: './labelsTr/case_002.nii.gz' },
      ],
      test: ['./imagesTs/case_003.nii.gz'],
    });
    expect(msdDatasetJsonSchema.safeParse(json).success).toBe(true);
  });

  it('gives nibabel images and labels of one shape and one affine, with the voxels written', () => {
    const root = join(writeTree(files), 'Task11_Liver');
    const pairs: [string, string | undefined][] = json.training.map((t: { image: string; label: string }) => [
      t.image,
      t.label,
    ]);
    const [oblique, anatomical, test] = nibabelReads(root, [...pairs, [json.test[0], undefined]]);
    for (const [read, geometry] of [
      [oblique!, OBLIQUE],
      [anatomical!, real.labelMap.geometry],
    ] as const) {
      expect(read.same_affine).toBe(true);
      expect(read.label_shape).toEqual([...geometry.dims]);
      expect(read.shape).toEqual([...geometry.dims]);
      expect(maxDifference(read.affine, rasAffineOf(geometry))).toBeLessThan(1e-4);
    }
    const obliqueLabels = (input.labelMaps as ReadonlyMap<string, CaseLabelMap>).get('img-case_001')!;
    expect(oblique!.labels).toEqual([...obliqueLabels.voxels]);
    expect(oblique!.data).toEqual([...ramp(OBLIQUE)]);
    expect(anatomical!.labels).toEqual([...real.labelMap.voxels]);
    expect(anatomical!.data).toEqual([...real.volume.data]);
    expect(test!.shape).toEqual([...AXIAL.dims]);
  });

  it('rejects task names nnUNetv2_convert_MSD_dataset cannot split, and bad ids', () => {
    expect(() => msdFiles({ ...input, taskName: 'Liver_CT' })).toThrow(/taskName 'Liver_CT'/);
    expect(() => msdFiles({ ...input, taskId: 0 })).toThrow(RangeError);
    expect(msdFiles({ ...input, taskId: 3 }).some((f) => f.path === 'Task03_Liver/dataset.json')).toBe(true);
  });
});
