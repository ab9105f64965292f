import { type ExportDataset, SPLITS, type Split } from '../export-dataset.js';

/** How much of one label a split holds. */
export interface SplitLabelCount {
  readonly labelId: string;
  readonly labelName: string;
  /** Subjects with at least one annotation of the label. */
  readonly subjects: number;
  /** Images with at least one annotation of the label. */
  readonly images: number;
  readonly annotations: number;
}

/** How many images (and subjects) of one modality a split holds; modality null when unknown. */
export interface SplitModalityCount {
  readonly modality: string | null;
  readonly subjects: number;
  readonly images: number;
}

/** One split's contents, as the dataset card reports them. */
export interface SplitSummary {
  readonly split: Split;
  readonly subjects: number;
  readonly images: number;
  readonly annotations: number;
  /** Every label of the schema, in schema order, zeros included. */
  readonly labels: readonly SplitLabelCount[];
  /** The modalities present in the split, sorted (null last). */
  readonly modalities: readonly SplitModalityCount[];
}

/**
 * Counts per split × label and per split × modality, one entry per split in the order train, validation,
 * test (empty splits included). The split of an image is `assignment.get(image.id)`, or its own `split`
 * field when no assignment is given. Throws a RangeError when an image has no split, when the assignment
 * names an image not in the dataset, or when an annotation names an unknown image or label.
 */
export function summariseSplits(
  dataset: ExportDataset,
  assignment?: ReadonlyMap<string, Split>,
): SplitSummary[] {
  const splitOfImage = resolveSplits(dataset, assignment);
  return SPLITS.map((split) => summariseSplit(dataset, split, splitOfImage));
}

function resolveSplits(
  dataset: ExportDataset,
  assignment: ReadonlyMap<string, Split> | undefined,
): Map<string, Split> {
  const splitOfImage = new Map<string, Split>();
  for (const image of dataset.images) {
    const split = assignment === undefined ? image.split : assignment.get(image.id);
    if (split === undefined || !(SPLITS as readonly string[]).includes(split)) {
      throw new RangeError(`summariseSplits: image '${image.id}' has no split (got ${String(split)})`);
    }
    splitOfImage.set(image.id, split);
  }
  for (const imageId of assignment?.keys() ?? []) {
    if (!splitOfImage.has(imageId)) {
      throw new RangeError(`summariseSplits: the assignment names image '${imageId}', not in the dataset`);
    }
  }
  return splitOfImage;
}

function summariseSplit(
  dataset: ExportDataset,
  split: Split,
  splitOfImage: ReadonlyMap<string, Split>,
): SplitSummary {
  const images = dataset.images.filter((image) => splitOfImage.get(image.id) === split);
  const subjectOfImage = new Map(images.map((image) => [image.id, image.subjectId]));
  const annotations = dataset.annotations.filter((annotation) => {
    if (!splitOfImage.has(annotation.imageId)) {
      throw new RangeError(
        `summariseSplits: annotation '${annotation.id}' refers to unknown image '${annotation.imageId}'`,
      );
    }
    return subjectOfImage.has(annotation.imageId);
  });
  const labelIds = new Set(dataset.labels.map((label) => label.id));
  const unknown = annotations.find((annotation) => !labelIds.has(annotation.labelId));
  if (unknown !== undefined) {
    throw new RangeError(
      `summariseSplits: annotation '${unknown.id}' refers to unknown label '${unknown.labelId}'`,
    );
  }
  const labels = dataset.labels.map((label) => {
    const ofLabel = annotations.filter((annotation) => annotation.labelId === label.id);
    const imageIds = new Set(ofLabel.map((annotation) => annotation.imageId));
    return {
      labelId: label.id,
      labelName: label.name,
      subjects: new Set([...imageIds].map((imageId) => subjectOfImage.get(imageId))).size,
      images: imageIds.size,
      annotations: ofLabel.length,
    };
  });
  return {
    split,
    subjects: new Set(images.map((image) => image.subjectId)).size,
    images: images.length,
    annotations: annotations.length,
    labels,
    modalities: countModalities(images),
  };
}

function countModalities(images: ExportDataset['images']): SplitModalityCount[] {
  const byModality = new Map<string | null, { subjects: Set<string>; images: number }>();
  for (const image of images) {
    const entry = byModality.get(image.modality) ?? { subjects: new Set<string>(), images: 0 };
    entry.subjects.add(image.subjectId);
    entry.images += 1;
    byModality.set(image.modality, entry);
  }
  return [...byModality]
    .map(([modality, { subjects, images }]) => ({ modality, subjects: subjects.size, images }))
    .sort((a, b) => (a.modality === null ? 1 : b.modality === null ? -1 : a.modality < b.modality ? -1 : 1));
}
