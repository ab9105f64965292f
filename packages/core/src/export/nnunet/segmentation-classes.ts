import type { ExportDataset, ExportLabel } from '../export-dataset.js';

/** One class of a segmentation dataset: its name and the value its voxels hold in the written files. */
export interface SegmentationClass {
  readonly name: string;
  /** 1…n, consecutive as nnU-Net requires (0 is background). */
  readonly value: number;
  /** The label's classIndex in Voxelhub, which its voxels hold in the label maps given to the writer. */
  readonly classIndex: number;
}

/** Names nnU-Net gives a meaning: 'background' is value 0, 'ignore' marks voxels left out of the loss. */
const RESERVED_NAMES = new Set(['background', 'ignore']);

function classLabels(dataset: ExportDataset, classLabelIds: readonly string[] | undefined): ExportLabel[] {
  if (!classLabelIds) return dataset.labels.filter((label) => label.type === 'mask');
  return classLabelIds.map((id) => {
    const label = dataset.labels.find((l) => l.id === id);
    if (!label) throw new RangeError(`classLabelIds names label ${id}, which the dataset does not hold`);
    return label;
  });
}

/**
 * The classes of the export: the chosen labels in classIndex order, numbered 1…n. Names must be unique
 * (nnU-Net's dataset.json is keyed by name) and not 'background' or 'ignore'.
 */
export function segmentationClasses(
  dataset: ExportDataset,
  classLabelIds?: readonly string[],
): SegmentationClass[] {
  const labels = classLabels(dataset, classLabelIds).sort((a, b) => a.classIndex - b.classIndex);
  if (labels.length === 0) throw new RangeError('the dataset has no mask labels to export as classes');
  if (labels.length > 0xffff) throw new RangeError(`${labels.length} classes do not fit a uint16 label map`);
  const names = new Set<string>();
  return labels.map((label, n) => {
    if (!Number.isInteger(label.classIndex) || label.classIndex < 1 || label.classIndex > 0xffff) {
      throw new RangeError(`label ${label.name} has classIndex ${label.classIndex}; 1–65535 is needed`);
    }
    if (RESERVED_NAMES.has(label.name.toLowerCase())) {
      throw new RangeError(`a class cannot be named '${label.name}': nnU-Net reserves the name`);
    }
    if (names.has(label.name)) throw new RangeError(`two class labels are named '${label.name}'`);
    if (n > 0 && labels[n - 1]!.classIndex === label.classIndex) {
      throw new RangeError(
        `labels ${labels[n - 1]!.name} and ${label.name} share classIndex ${label.classIndex}`,
      );
    }
    names.add(label.name);
    return { name: label.name, value: n + 1, classIndex: label.classIndex };
  });
}
