import { describe, expect, it } from 'vitest';
import { LayoutError } from './layout-error.js';
import { recogniseLayout } from './recognise-layout.js';

/** A folder as a map of path → text (only the small files the recogniser reads need content). */
function folder(files: Record<string, string>) {
  const read = async (path: string) => {
    const text = files[path];
    if (text === undefined) throw new Error(`read ${path}: not a text file of the test folder`);
    return text;
  };
  return recogniseLayout(Object.keys(files), read);
}

const NNUNET_JSON = JSON.stringify({
  channel_names: { 0: 'T2', 1: 'ADC' },
  labels: { background: 0, PZ: 1, TZ: 2 },
  numTraining: 2,
  file_ending: '.nii.gz',
});

describe('recogniseLayout', () => {
  it('reads an nnU-Net v2 folder into complete cases with their channels and labels', async () => {
    const layout = await folder({
      'Dataset005_Prostate/dataset.json': NNUNET_JSON,
      'Dataset005_Prostate/imagesTr/p_001_0000.nii.gz': '',
      'Dataset005_Prostate/imagesTr/p_001_0001.nii.gz': '',
      'Dataset005_Prostate/labelsTr/p_001.nii.gz': '',
      'Dataset005_Prostate/imagesTr/p_002_0001.nii.gz': '',
      'Dataset005_Prostate/imagesTr/p_002_0000.nii.gz': '',
      'Dataset005_Prostate/labelsTr/p_002.nii.gz': '',
      'Dataset005_Prostate/imagesTs/p_009_0000.nii.gz': '',
      'Dataset005_Prostate/imagesTs/p_009_0001.nii.gz': '',
      'Dataset005_Prostate/README.md': '',
    });
    expect(layout.kind).toBe('nnunet');
    if (layout.kind !== 'nnunet') return;
    expect(layout.cases).toEqual([
      {
        name: 'p_001',
        images: [
          'Dataset005_Prostate/imagesTr/p_001_0000.nii.gz',
          'Dataset005_Prostate/imagesTr/p_001_0001.nii.gz',
        ],
        label: 'Dataset005_Prostate/labelsTr/p_001.nii.gz',
        split: 'train',
      },
      {
        name: 'p_002',
        images: [
          'Dataset005_Prostate/imagesTr/p_002_0000.nii.gz',
          'Dataset005_Prostate/imagesTr/p_002_0001.nii.gz',
        ],
        label: 'Dataset005_Prostate/labelsTr/p_002.nii.gz',
        split: 'train',
      },
      {
        name: 'p_009',
        images: [
          'Dataset005_Prostate/imagesTs/p_009_0000.nii.gz',
          'Dataset005_Prostate/imagesTs/p_009_0001.nii.gz',
        ],
        split: 'test',
      },
    ]);
    expect(layout.labels).toEqual([
      { name: 'PZ', type: 'mask', value: 1 },
      { name: 'TZ', type: 'mask', value: 2 },
    ]);
    expect(layout.ignored).toEqual(['Dataset005_Prostate/README.md']);
    expect(layout.summary).toBe(
      'nnU-Net v2 raw dataset Dataset005_Prostate: 2 training cases, 1 test; labels PZ, TZ',
    );
  });

  it('names the file when an nnU-Net case lacks a channel or its label', async () => {
    await expect(
      folder({
        'dataset.json': NNUNET_JSON,
        'imagesTr/a_0000.nii.gz': '',
        'imagesTr/a_0001.nii.gz': '',
      }),
    ).rejects.toThrow(new LayoutError('labelsTr/a.nii.gz', 'training case a has no label file'));
    await expect(
      folder({ 'dataset.json': NNUNET_JSON, 'imagesTr/a_0000.nii.gz': '', 'labelsTr/a.nii.gz': '' }),
    ).rejects.toThrow(/case a in imagesTr has channels 0, not 0–1/);
    await expect(folder({ 'dataset.json': '{"labels": 3' })).rejects.toThrow(/^dataset.json: not JSON/);
  });

  it('reads a Decathlon task from its training pairs and test list', async () => {
    const json = {
      name: 'Liver',
      description: 'Liver and tumour',
      tensorImageSize: '3D',
      modality: { 0: 'CT' },
      labels: { 0: 'background', 1: 'liver', 2: 'cancer' },
      numTraining: 1,
      numTest: 1,
      training: [{ image: './imagesTr/liver_0.nii.gz', label: './labelsTr/liver_0.nii.gz' }],
      test: ['./imagesTs/liver_9.nii.gz'],
    };
    const layout = await folder({
      'Task03_Liver/dataset.json': JSON.stringify(json),
      'Task03_Liver/imagesTr/liver_0.nii.gz': '',
      'Task03_Liver/labelsTr/liver_0.nii.gz': '',
      'Task03_Liver/imagesTs/liver_9.nii.gz': '',
    });
    expect(layout).toMatchObject({
      kind: 'msd',
      cases: [
        { name: 'liver_0', label: 'Task03_Liver/labelsTr/liver_0.nii.gz', split: 'train' },
        { name: 'liver_9', images: ['Task03_Liver/imagesTs/liver_9.nii.gz'], split: 'test' },
      ],
      labels: [
        { name: 'liver', type: 'mask', value: 1 },
        { name: 'cancer', type: 'mask', value: 2 },
      ],
    });
    await expect(
      folder({
        'Task03_Liver/dataset.json': JSON.stringify(json),
        'Task03_Liver/imagesTr/liver_0.nii.gz': '',
      }),
    ).rejects.toThrow(/labelsTr\/liver_0.nii.gz: dataset.json names it, but it is not in the folder/);
  });

  it('finds COCO annotations and tells boxes, polygons and masks apart by category', async () => {
    const coco = {
      images: [{ id: 1, file_name: 'a.png', width: 4, height: 4 }],
      annotations: [
        { id: 1, image_id: 1, category_id: 1, bbox: [0, 0, 1, 1], segmentation: [] },
        { id: 2, image_id: 1, category_id: 2, bbox: [0, 0, 1, 1], segmentation: [[0, 0, 1, 0, 1, 1]] },
        {
          id: 3,
          image_id: 1,
          category_id: 3,
          bbox: [0, 0, 1, 1],
          segmentation: { counts: 'x', size: [4, 4] },
        },
      ],
      categories: [
        { id: 1, name: 'nodule' },
        { id: 2, name: 'lung' },
        { id: 3, name: 'heart' },
      ],
    };
    const layout = await folder({
      'annotations/instances_train.json': JSON.stringify(coco),
      'images/a.png': '',
      'notes.json': '{"hello": 1}',
    });
    expect(layout).toMatchObject({
      kind: 'coco',
      annotationFiles: ['annotations/instances_train.json'],
      images: ['images/a.png'],
      labels: [
        { name: 'nodule', type: 'box', value: 1 },
        { name: 'lung', type: 'polygon', value: 2 },
        { name: 'heart', type: 'mask', value: 3 },
      ],
      ignored: ['notes.json'],
    });
  });

  it('reads YOLO class names and whether its labels are boxes or polygons', async () => {
    const det = await folder({
      'data.yaml': 'path: .\ntrain: images/train\nnames:\n  0: fracture\n  1: plate\n',
      'images/train/x.png': '',
      'labels/train/x.txt': '0 0.5 0.5 0.2 0.2\n',
    });
    expect(det).toMatchObject({
      kind: 'yolo',
      labels: [{ name: 'fracture', type: 'box', value: 0 }, { name: 'plate' }],
    });
    const seg = await folder({
      'data.yaml': 'names: [lesion]\n',
      'images/val/y.jpg': '',
      'labels/val/y.txt': '0 0.1 0.1 0.5 0.1 0.5 0.5\n',
    });
    expect(seg).toMatchObject({ kind: 'yolo', labels: [{ name: 'lesion', type: 'polygon' }] });
  });

  it('finds the image column and the label columns of a ChestX-ray14-style table', async () => {
    const csv = [
      'Image Index,Finding Labels,Follow-up #,Patient ID,Patient Age',
      '00000001_000.png,Cardiomegaly,0,1,58',
      '00000001_001.png,Cardiomegaly|Emphysema,1,1,58',
      '00000002_000.png,No Finding,0,2,81',
    ].join('\n');
    const layout = await folder({
      'Data_Entry_2017.csv': csv,
      'images/00000001_000.png': '',
      'images/00000001_001.png': '',
      'images/00000002_000.png': '',
    });
    expect(layout).toMatchObject({
      kind: 'image-csv',
      csv: 'Data_Entry_2017.csv',
      imageColumn: 'Image Index',
      images: ['images/00000001_000.png', 'images/00000001_001.png', 'images/00000002_000.png'],
    });
    if (layout.kind !== 'image-csv') return;
    const findings = layout.labels.find((l) => l.name === 'Finding Labels');
    expect(findings).toEqual({
      name: 'Finding Labels',
      type: 'classification',
      options: ['Cardiomegaly', 'Emphysema', 'No Finding'],
      value: 2,
    });
  });

  it('reads CheXpert-style paths and one column per finding', async () => {
    const csv = [
      'Path,Sex,Age,Frontal/Lateral,Cardiomegaly,Edema',
      'CheXpert-v1.0-small/train/patient00001/study1/view1_frontal.jpg,Female,68,Frontal,1.0,',
      'CheXpert-v1.0-small/train/patient00002/study2/view1_frontal.jpg,Male,87,Frontal,-1.0,1.0',
    ].join('\n');
    const layout = await folder({
      'CheXpert-v1.0-small/train.csv': csv,
      'CheXpert-v1.0-small/train/patient00001/study1/view1_frontal.jpg': '',
      'CheXpert-v1.0-small/train/patient00002/study2/view1_frontal.jpg': '',
    });
    expect(layout).toMatchObject({ kind: 'image-csv', imageColumn: 'Path' });
    if (layout.kind !== 'image-csv') return;
    expect(layout.labels.find((l) => l.name === 'Cardiomegaly')).toMatchObject({
      options: ['-1.0', '1.0'],
      value: 1,
    });
  });

  it('takes DICOM folders whole, and plain images otherwise', async () => {
    expect(
      await folder({ 'study/IM0001': '', 'study/IM0002': '', 'study/rtstruct.dcm': '', 'README.txt': '' }),
    ).toMatchObject({
      kind: 'dicom',
      files: ['study/IM0001', 'study/IM0002', 'study/rtstruct.dcm'],
      ignored: ['README.txt'],
    });
    expect(await folder({ 'a.nii.gz': '', 'b.png': '' })).toMatchObject({
      kind: 'images',
      images: ['a.nii.gz', 'b.png'],
    });
  });
});
