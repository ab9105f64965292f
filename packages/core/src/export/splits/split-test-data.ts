import type { AnnotationPayload } from '../../annotation/index.js';
import type { ExportAnnotation, ExportDataset, ExportImage, ExportLabel } from '../export-dataset.js';
import type { SplitImage } from './subject-strata.js';

/**
 * Builders for the small datasets the split tests tabulate. Splitting reads only ids, subjects, modalities
 * and label ids, never geometry or payloads, so those are placeholders.
 */

const UNIT_GEOMETRY: ExportImage['geometry'] = {
  dims: [1, 1, 1],
  spacing: [1, 1, 1],
  origin: [0, 0, 0],
  direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
};

export function testImage(id: string, subjectId: string, modality: string | null = 'CT'): ExportImage {
  return { id, subjectId, caseName: id, format: 'nifti', modality, geometry: UNIT_GEOMETRY };
}

export function testLabel(id: string, classIndex: number): ExportLabel {
  return { id, name: `${id} name`, type: 'mask', colour: '#ff0000', classIndex };
}

export function testAnnotation(id: string, imageId: string, labelId: string): ExportAnnotation {
  return { id, imageId, labelId, payload: {} as unknown as AnnotationPayload };
}

export function testDataset(
  images: readonly ExportImage[],
  labels: readonly ExportLabel[],
  annotations: readonly ExportAnnotation[],
): ExportDataset {
  return { name: 'test dataset', images, labels, annotations };
}

/** `imagesPerSubject[s]` images for subject 's<s>' (zero-padded so ids sort numerically). */
export function subjectsWithImages(imagesPerSubject: readonly number[]): SplitImage[] {
  return imagesPerSubject.flatMap((count, s) => {
    const subjectId = `s${String(s).padStart(3, '0')}`;
    return Array.from({ length: count }, (_, i) => ({ id: `${subjectId}-img${i}`, subjectId }));
  });
}
