import type { ExportDataset } from '../export-dataset.js';

/** The stratum of subjects without any annotation. */
export const UNLABELLED_STRATUM = 'unlabelled';

/**
 * Stratifies subjects by their rarest label: among the labels on a subject's annotations, the one the
 * fewest subjects have (ties: the first in the label schema). Keying on the rarest label makes the split
 * spread the scarce classes first; the common ones follow from sheer numbers. The key is the label's id;
 * subjects with no annotation get 'unlabelled'.
 *
 * Throws a RangeError when an annotation names an image or label not in the dataset, or (from the
 * returned function) when asked about a subject with no image in the dataset.
 */
export function strataByRarestLabel(dataset: ExportDataset): (subjectId: string) => string {
  const labelsBySubject = labelIdsBySubject(dataset);
  const subjectsWithLabel = new Map<string, number>();
  for (const labelIds of labelsBySubject.values()) {
    for (const labelId of labelIds) subjectsWithLabel.set(labelId, (subjectsWithLabel.get(labelId) ?? 0) + 1);
  }
  const schemaOrder = new Map(dataset.labels.map((label, index) => [label.id, index]));
  const rarestFirst = (a: string, b: string): number =>
    subjectsWithLabel.get(a)! - subjectsWithLabel.get(b)! || schemaOrder.get(a)! - schemaOrder.get(b)!;
  const strata = new Map(
    [...labelsBySubject].map(([subjectId, labelIds]) => [
      subjectId,
      [...labelIds].sort(rarestFirst)[0] ?? UNLABELLED_STRATUM,
    ]),
  );
  return (subjectId) => {
    const stratum = strata.get(subjectId);
    if (stratum === undefined) {
      throw new RangeError(
        `strataByRarestLabel: subject '${subjectId}' has no image in dataset '${dataset.name}'`,
      );
    }
    return stratum;
  };
}

/** Every subject of the dataset with the ids of the labels on its annotations (possibly none). */
function labelIdsBySubject(dataset: ExportDataset): Map<string, Set<string>> {
  const subjectOfImage = new Map(dataset.images.map((image) => [image.id, image.subjectId]));
  const knownLabels = new Set(dataset.labels.map((label) => label.id));
  const bySubject = new Map(dataset.images.map((image) => [image.subjectId, new Set<string>()]));
  for (const annotation of dataset.annotations) {
    const subjectId = subjectOfImage.get(annotation.imageId);
    if (subjectId === undefined) {
      throw new RangeError(
        `annotation '${annotation.id}' refers to image '${annotation.imageId}', not in the dataset`,
      );
    }
    if (!knownLabels.has(annotation.labelId)) {
      throw new RangeError(
        `annotation '${annotation.id}' refers to label '${annotation.labelId}', not in the dataset`,
      );
    }
    bySubject.get(subjectId)!.add(annotation.labelId);
  }
  return bySubject;
}
