import { gzipSync } from 'node:zlib';
import {
  channelNameOf,
  type ExportAnnotation,
  type ExportDataset,
  type ExportFile,
  msdDatasetJsonSchema,
  msdFiles,
  nnunetDatasetJsonSchema,
  nnunetFiles,
  type SegmentationExportInput,
  type SkippedAnnotation,
} from '@voxelhub/core/export';
import type { z } from 'zod';
import { loadCaseVolume } from './case-volume.js';
import { composedLabelMap } from './composed-label-map.js';
import { eachCase, type FormatRenderer, type RenderContext } from './render-context.js';
import { singleChannelVolume } from './single-channel-volume.js';

/** nnU-Net asks for 500+ for one's own datasets (1–10 are the Decathlon's). */
const NNUNET_DATASET_ID = 500;
/** A task number clear of the Decathlon's Task01–Task10. */
const MSD_TASK_ID = 100;

type FilesOf = (input: SegmentationExportInput) => ExportFile[];

/** A folder-name-safe form of the version's name: letters and digits, other runs turned into `join`. */
export function folderSafeName(name: string, join: '_' | '-'): string {
  const safe = name.replace(/[^A-Za-z0-9]+/g, join).replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
  return safe === '' ? 'Voxelhub' : safe;
}

/**
 * One input channel's name for every case: the images' shared modality's, or 'image' (per-case z-score
 * normalisation in nnU-Net) when the version mixes modalities, since one channel is normalised one way.
 */
/** The caller's channel name, else the cases' modality ("image" when unknown or mixed). */
function channelNames(dataset: ExportDataset, chosen: string | undefined): Record<'0', string> {
  if (chosen) return { '0': chosen };
  const names = new Set(dataset.images.map((image) => channelNameOf(image.modality)));
  return { '0': names.size === 1 ? [...names][0]! : 'image' };
}

function notCarried(a: ExportAnnotation, test: boolean): SkippedAnnotation | undefined {
  const isMask = a.payload.type === 'segmentation';
  if (isMask && !test) return undefined;
  return {
    annotationId: a.id,
    type: a.payload.type,
    reason: isMask
      ? 'a test case has no label file (nnU-Net and the Decathlon keep test labels out)'
      : 'this format holds label maps only',
  };
}

/**
 * Writes each case's files as the core writer writes them, one case at a time (the writer's per-image
 * lookups get only the case in hand), leaving out the per-case dataset.json; returns the skipped.
 */
async function renderCases(context: RenderContext, filesOf: FilesOf): Promise<SkippedAnnotation[]> {
  const { model, output, blobs } = context;
  const names = channelNames(model.dataset, context.channelName);
  const skipped: SkippedAnnotation[] = [];
  await eachCase(context, async (c, annotations) => {
    const test = c.image.split === 'test';
    skipped.push(...annotations.flatMap((a) => notCarried(a, test) ?? []));
    const volume = singleChannelVolume(await loadCaseVolume(blobs, c), c.image.caseName);
    const composed = test
      ? undefined
      : await composedLabelMap(blobs, c.image, annotations, model.dataset.labels);
    if (composed) skipped.push(...composed.skipped);
    const files = filesOf({
      dataset: { ...model.dataset, images: [c.image], annotations },
      images: () => volume,
      labelMaps: () => composed?.labelMap,
      channelNames: names,
      gzip: nodeGzip,
    });
    await output.writeAll(files.filter((f) => !f.path.endsWith('/dataset.json')));
  });
  return skipped;
}

/** Node's zlib (native) rather than core's pure-JS default: several times faster on a CT volume. */
const nodeGzip = (nii: Uint8Array) => new Uint8Array(gzipSync(nii));

/** The dataset.json of the whole dataset: the writer's, from no cases, with the cases filled in. */
function datasetJson<T extends z.ZodType>(
  filesOf: FilesOf,
  context: RenderContext,
  schema: T,
  complete: (json: z.infer<T>, training: string[], test: string[]) => z.infer<T>,
): ExportFile {
  const { dataset } = context.model;
  const empty = filesOf({
    dataset: { ...dataset, images: [], annotations: [] },
    images: new Map(),
    labelMaps: new Map(),
    channelNames: channelNames(dataset, context.channelName),
  }).find((f) => f.path.endsWith('/dataset.json'))!;
  const json = schema.parse(JSON.parse(new TextDecoder().decode(empty.bytes)));
  const training = dataset.images.filter((i) => i.split !== 'test').map((i) => i.caseName);
  const test = dataset.images.filter((i) => i.split === 'test').map((i) => i.caseName);
  const full = schema.parse(complete(json, training, test));
  return { path: empty.path, bytes: new TextEncoder().encode(`${JSON.stringify(full, null, 2)}\n`) };
}

/** nnU-Net v2 raw: Dataset500_<version>/imagesTr, labelsTr, imagesTs and dataset.json. */
export const renderNnunet: FormatRenderer = async (context) => {
  const datasetName = folderSafeName(context.model.version.row.name, '_');
  const filesOf: FilesOf = (input) =>
    nnunetFiles({ ...input, datasetId: NNUNET_DATASET_ID, datasetName, fileEnding: '.nii.gz' });
  const skipped = await renderCases(context, filesOf);
  await context.output.write(
    datasetJson(filesOf, context, nnunetDatasetJsonSchema, (json, training) => ({
      ...json,
      numTraining: training.length,
    })),
  );
  return skipped;
};

/** The Decathlon's layout: Task100_<version>/imagesTr, labelsTr, imagesTs and dataset.json. */
export const renderMsd: FormatRenderer = async (context) => {
  const taskName = folderSafeName(context.model.version.row.name, '-');
  const filesOf: FilesOf = (input) => msdFiles({ ...input, taskId: MSD_TASK_ID, taskName });
  const skipped = await renderCases(context, filesOf);
  await context.output.write(
    datasetJson(filesOf, context, msdDatasetJsonSchema, (json, training, test) => ({
      ...json,
      numTraining: training.length,
      numTest: test.length,
      training: training.map((c) => ({ image: `./imagesTr/${c}.nii.gz`, label: `./labelsTr/${c}.nii.gz` })),
      test: test.map((c) => `./imagesTs/${c}.nii.gz`),
    })),
  );
  return skipped;
};
