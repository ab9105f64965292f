import { msdDatasetJsonSchema } from '../nnunet/msd-dataset-json.js';
import { nnunetDatasetJsonSchema } from '../nnunet/nnunet-dataset-json.js';
import type { DatasetLayout, LayoutCase } from './dataset-layout.js';
import { LayoutError } from './layout-error.js';
import { baseName, parentOf } from './layout-paths.js';

type SegmentationLayout = Extract<DatasetLayout, { kind: 'nnunet' | 'msd' }>;

function within(root: string, path: string): string {
  return root ? `${root}/${path}` : path;
}

/** nnU-Net v2: images `<case>_<XXXX><ending>` per channel in imagesTr/imagesTs, labels `<case><ending>` in labelsTr. */
function nnunetCases(
  paths: ReadonlySet<string>,
  root: string,
  channels: number,
  ending: string,
  file: string,
) {
  const cases: LayoutCase[] = [];
  for (const [folder, split] of [
    ['imagesTr', 'train'],
    ['imagesTs', 'test'],
  ] as const) {
    const prefix = within(root, `${folder}/`);
    const byCase = new Map<string, string[]>();
    for (const path of paths) {
      if (!path.startsWith(prefix) || !path.endsWith(ending) || path.slice(prefix.length).includes('/'))
        continue;
      const match = /^(.+)_(\d{4})$/.exec(baseName(path).slice(0, -ending.length));
      if (!match) throw new LayoutError(path, `an nnU-Net image is named <case>_<4-digit channel>${ending}`);
      const list = byCase.get(match[1]!) ?? [];
      list[Number(match[2])] = path;
      byCase.set(match[1]!, list);
    }
    for (const [name, images] of [...byCase].sort(([a], [b]) => a.localeCompare(b))) {
      const missing = Array.from({ length: channels }, (_, c) => c).filter((c) => !images[c]);
      if (missing.length > 0 || images.length !== channels)
        throw new LayoutError(
          file,
          `case ${name} in ${folder} has channels ${Object.keys(images).join(', ')}, not 0–${channels - 1}`,
        );
      const label = within(root, `labelsTr/${name}${ending}`);
      if (split === 'train' && !paths.has(label))
        throw new LayoutError(label, `training case ${name} has no label file`);
      cases.push({ name, images, split, ...(split === 'train' ? { label } : {}) });
    }
  }
  return cases;
}

function parsed(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new LayoutError(file, `not JSON: ${(error as Error).message}`);
  }
}

function issues(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): string {
  return error.issues.map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`).join('; ');
}

/**
 * A folder whose dataset.json is nnU-Net v2's (channel_names, file_ending) or the Decathlon's (modality,
 * training pairs). Every case must be complete: all channels, and a label for training cases.
 */
export function segmentationLayout(
  paths: readonly string[],
  datasetJson: string,
  text: string,
): SegmentationLayout {
  const json = parsed(text, datasetJson);
  const root = parentOf(datasetJson);
  const set = new Set(paths);
  const isNnunet = typeof json === 'object' && json !== null && 'channel_names' in json;
  if (isNnunet) {
    const read = nnunetDatasetJsonSchema.safeParse(json);
    if (!read.success) throw new LayoutError(datasetJson, issues(read.error));
    const channels = Object.keys(read.data.channel_names).length;
    const cases = nnunetCases(set, root, channels, read.data.file_ending, datasetJson);
    const labels = Object.entries(read.data.labels)
      .filter(([name]) => name !== 'background' && name !== 'ignore')
      .map(([name, value]) => ({ name, type: 'mask' as const, value }));
    return finish(
      'nnunet',
      datasetJson,
      cases,
      labels,
      paths,
      `nnU-Net v2 raw dataset ${baseName(root) || '(top folder)'}`,
    );
  }
  const read = msdDatasetJsonSchema.safeParse(json);
  if (!read.success)
    throw new LayoutError(
      datasetJson,
      `neither nnU-Net v2's nor the Decathlon's dataset.json: ${issues(read.error)}`,
    );
  const path = (p: string) => within(root, p.replace(/^\.\//, ''));
  const caseName = (p: string) => baseName(p).replace(/\.nii\.gz$/, '');
  const cases: LayoutCase[] = [
    ...read.data.training.map(({ image, label }) => ({
      name: caseName(image),
      images: [path(image)],
      label: path(label),
      split: 'train' as const,
    })),
    ...read.data.test.map((image) => ({
      name: caseName(image),
      images: [path(image)],
      split: 'test' as const,
    })),
  ];
  for (const c of cases)
    for (const file of [...c.images, ...(c.label ? [c.label] : [])])
      if (!set.has(file)) throw new LayoutError(file, 'dataset.json names it, but it is not in the folder');
  const labels = Object.entries(read.data.labels)
    .filter(([value]) => value !== '0')
    .map(([value, name]) => ({ name, type: 'mask' as const, value: Number(value) }));
  return finish('msd', datasetJson, cases, labels, paths, `Decathlon task ${read.data.name}`);
}

function finish(
  kind: 'nnunet' | 'msd',
  datasetJson: string,
  cases: readonly LayoutCase[],
  labels: SegmentationLayout['labels'],
  paths: readonly string[],
  title: string,
): SegmentationLayout {
  const used = new Set([datasetJson, ...cases.flatMap((c) => [...c.images, ...(c.label ? [c.label] : [])])]);
  const train = cases.filter((c) => c.split === 'train').length;
  return {
    kind,
    datasetJson,
    cases,
    labels,
    ignored: paths.filter((p) => !used.has(p)),
    summary: `${title}: ${train} training case${train === 1 ? '' : 's'}, ${cases.length - train} test; labels ${labels.map((l) => l.name).join(', ') || 'none'}`,
  };
}
