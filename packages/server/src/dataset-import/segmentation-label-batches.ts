import type { DatasetLayout, ExportFile, LayoutCase } from '@voxelhub/core/export';
import {
  type BatchSource,
  caseOfPath,
  type LabelBatches,
  manifestFile,
  noCaseReason,
} from './label-batch.js';

type SegmentationLayout = Extract<DatasetLayout, { kind: 'nnunet' | 'msd' }>;

function relativeTo(root: string, path: string): string {
  return root && path.startsWith(`${root}/`) ? path.slice(root.length + 1) : path;
}

/**
 * dataset.json as it would read for these training cases alone: the Decathlon's lists them, nnU-Net's
 * counts them (numTraining must equal the label files present). Everything else is kept as the dataset
 * has it, so labels keep their names and values.
 */
function datasetJsonFor(layout: SegmentationLayout, json: Record<string, unknown>, cases: LayoutCase[]) {
  const root = layout.datasetJson.includes('/')
    ? layout.datasetJson.slice(0, layout.datasetJson.lastIndexOf('/'))
    : '';
  if (layout.kind === 'nnunet') return { ...json, numTraining: cases.length };
  return {
    ...json,
    numTraining: cases.length,
    numTest: 0,
    training: cases.map((c) => ({
      image: `./${relativeTo(root, c.images[0]!)}`,
      label: `./${relativeTo(root, c.label!)}`,
    })),
    test: [],
  };
}

/** The name the annotation import's readers give a case: its label file's name without the extension. */
function caseNameOf(layout: SegmentationLayout, c: LayoutCase): string {
  const base = c.label!.slice(c.label!.lastIndexOf('/') + 1);
  return layout.kind === 'msd' ? base.replace(/\.nii\.gz$/, '') : base.replace(/\.nii(\.gz)?$/, '');
}

/**
 * One batch per training case of an nnU-Net or Decathlon folder: its label map, a dataset.json naming it
 * alone, and a manifest naming the case (its first channel's image) by the case name. The image files are
 * stood in for by empty files: the readers only check they are there, and the images are imported already.
 */
export async function segmentationLabelBatches(
  layout: SegmentationLayout,
  source: BatchSource,
): Promise<LabelBatches> {
  const json = JSON.parse(await source.folder.readText(layout.datasetJson)) as Record<string, unknown>;
  const skipped: { file: string; reason: string }[] = [];
  const batches = layout.cases.flatMap((c) => {
    if (c.split !== 'train' || !c.label) return [];
    const target = caseOfPath(source, c.images[0]!);
    if (!target) {
      skipped.push({ file: c.label, reason: noCaseReason(source, c.images[0]!) });
      return [];
    }
    const names = new Map([[caseNameOf(layout, c), target.id]]);
    return [
      {
        name: c.label,
        format: layout.kind,
        files: async (): Promise<ExportFile[]> => [
          {
            path: layout.datasetJson,
            bytes: new TextEncoder().encode(JSON.stringify(datasetJsonFor(layout, json, [c]))),
          },
          { path: c.label!, bytes: await source.folder.read(c.label!) },
          ...c.images.map((path) => ({ path, bytes: new Uint8Array(0) })),
          manifestFile(names),
        ],
      },
    ];
  });
  return { batches, skipped };
}
