import type { AnnotationPayload, ImageRef } from '../../annotation/index.js';
import type { ExportImage, ExportLabel } from '../export-dataset.js';
import { CellError } from './table-import-error.js';

/**
 * What a table importer reads rows onto: the dataset's images (found by image_id, else by case_name) and
 * its labels (found by name). Tables refer to labels by name so people can read and edit them.
 */
export interface TableImportContext {
  readonly images: readonly ExportImage[];
  readonly labels: readonly ExportLabel[];
}

export function imageOfRow(context: TableImportContext, imageId: string, caseName: string): ExportImage {
  if (imageId !== '') {
    const image = context.images.find((i) => i.id === imageId);
    if (!image) throw new CellError('image_id', `no image has id "${imageId}"`);
    if (caseName !== '' && image.caseName !== caseName)
      throw new CellError('case_name', `image "${imageId}" is case "${image.caseName}", not "${caseName}"`);
    return image;
  }
  const image = context.images.find((i) => i.caseName === caseName);
  if (!image) throw new CellError('case_name', caseName ? `no image is case "${caseName}"` : 'is empty');
  return image;
}

export function labelNamed(
  context: TableImportContext,
  name: string,
  type: ExportLabel['type'],
  column = 'label',
): ExportLabel {
  const label = context.labels.find((l) => l.name === name);
  if (!label) throw new CellError(column, `no label is named "${name}"`);
  if (label.type !== type)
    throw new CellError(column, `label "${name}" is a ${label.type} label, not ${type}`);
  return label;
}

/** The slice/frame columns of an image reference. */
export function locationCells(ref: ImageRef): [slice: string, frame: string] {
  return [
    ref.sliceIndex === undefined ? '' : String(ref.sliceIndex),
    ref.frameIndex === undefined ? '' : String(ref.frameIndex),
  ];
}

export function imageRefOf(imageId: string, slice: number | undefined, frame: number | undefined): ImageRef {
  return {
    imageId,
    ...(slice === undefined ? {} : { sliceIndex: slice }),
    ...(frame === undefined ? {} : { frameIndex: frame }),
  };
}

/** Annotations of one type, with the payload narrowed. */
export function annotationsOfType<T extends AnnotationPayload['type']>(
  annotations: readonly {
    readonly id: string;
    readonly imageId: string;
    readonly labelId: string;
    readonly payload: AnnotationPayload;
  }[],
  type: T,
) {
  return annotations.filter((a) => a.payload.type === type) as {
    readonly id: string;
    readonly imageId: string;
    readonly labelId: string;
    readonly payload: Extract<AnnotationPayload, { type: T }>;
  }[];
}
