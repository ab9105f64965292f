import type { DatasetLayout, ExportFile } from '@voxelhub/core/export';
import {
  type BatchSource,
  caseOfPath,
  inRuns,
  type LabelBatch,
  type LabelBatches,
  manifestFile,
  noCaseReason,
} from './label-batch.js';

type YoloLayout = Extract<DatasetLayout, { kind: 'yolo' }>;

const LABEL_FILES_PER_BATCH = 50;
/** Where the annotation import's YOLO reader looks for label files. */
const READER_PATH = /(?:^|\/)labels\/(?:train|val|test)\/[^/]+\.txt$/;

const stemOf = (path: string) => path.slice(path.lastIndexOf('/') + 1).replace(/\.[^.]+$/, '');
const folderOf = (path: string) => (path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '');

/**
 * The image a label file is for: same name in the matching images/ folder (labels/train/a.txt →
 * images/train/a.png), else the one image of that name anywhere.
 */
function imageFinder(images: readonly string[]) {
  const byStem = new Map<string, string[]>();
  for (const path of images) byStem.set(stemOf(path), [...(byStem.get(stemOf(path)) ?? []), path]);
  return (labelFile: string): string | undefined => {
    const same = byStem.get(stemOf(labelFile)) ?? [];
    const parts = folderOf(labelFile).split('/');
    const at = parts.lastIndexOf('labels');
    if (at >= 0) parts[at] = 'images';
    const folder = parts.join('/');
    return same.find((p) => folderOf(p) === folder) ?? (same.length === 1 ? same[0] : undefined);
  };
}

/**
 * YOLO label files, 50 of one folder per batch with data.yaml, each placed on its image's case: a
 * manifest names the case by the file's name (the reader's plane name), and a file outside
 * labels/<train|val|test>/ is given such a path so the reader finds it.
 */
export function yoloLabelBatches(layout: YoloLayout, source: BatchSource): LabelBatches {
  const findImage = imageFinder(layout.images);
  const skipped: { file: string; reason: string }[] = [];
  const byFolder = new Map<string, { path: string; caseId: string }[]>();
  for (const path of layout.labelFiles) {
    const image = findImage(path);
    const target = image === undefined ? undefined : caseOfPath(source, image);
    if (image === undefined || !target) {
      skipped.push({
        file: path,
        reason: image === undefined ? `no image file named ${stemOf(path)}.*` : noCaseReason(source, image),
      });
      continue;
    }
    const list = byFolder.get(folderOf(path)) ?? [];
    list.push({ path, caseId: target.id });
    byFolder.set(folderOf(path), list);
  }
  const batches: LabelBatch[] = [];
  for (const [folder, files] of byFolder)
    for (const run of inRuns(files, LABEL_FILES_PER_BATCH))
      batches.push({
        name: `${folder || '.'} (${run.length} label files from ${run[0]!.path})`,
        format: 'yolo',
        files: async (): Promise<ExportFile[]> => [
          { path: layout.dataYaml, bytes: await source.folder.read(layout.dataYaml) },
          ...(await Promise.all(
            run.map(async ({ path }) => ({
              path: READER_PATH.test(path)
                ? path
                : `${folder ? `${folder}/` : ''}labels/train/${stemOf(path)}.txt`,
              bytes: await source.folder.read(path),
            })),
          )),
          manifestFile(new Map(run.map(({ path, caseId }) => [stemOf(path), caseId]))),
        ],
      });
  return { batches, skipped };
}
