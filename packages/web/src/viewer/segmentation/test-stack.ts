import { Enums, imageLoader, utilities } from '@cornerstonejs/core';

let nextStack = 0;

/**
 * Cornerstone labelmap images for a made-up axial series of `count` slices, columns × rows, 1 mm pixels,
 * slices `sliceStepMm` apart along z (negative: the stack runs feet-first, as many CT series are sorted).
 * Registers the metadata Cornerstone reads (plane, series, pixel) for the series' image ids, so labelmap
 * images and the sphere brush's volume are made by Cornerstone's own code, in Node.
 */
export function makeLabelmapStack(options: {
  readonly columns: number;
  readonly rows: number;
  readonly count: number;
  readonly sliceStepMm?: number;
  readonly representation?: 'Volume' | 'RLE';
}): { readonly imageIds: string[]; readonly labelmapIds: string[] } {
  const stack = ++nextStack;
  const step = options.sliceStepMm ?? 2;
  const imageIds = Array.from({ length: options.count }, (_, k) => `test-stack:${stack}/${k}`);
  imageIds.forEach((imageId, k) => {
    const add = (type: string, metadata: object) =>
      utilities.genericMetadataProvider.add(imageId, { type, metadata });
    add('imagePlaneModule', {
      rows: options.rows,
      columns: options.columns,
      rowPixelSpacing: 1,
      columnPixelSpacing: 1,
      pixelSpacing: [1, 1],
      imagePositionPatient: [0, 0, k * step],
      imageOrientationPatient: [1, 0, 0, 0, 1, 0],
      rowCosines: [1, 0, 0],
      columnCosines: [0, 1, 0],
      frameOfReferenceUID: `1.2.3.${stack}`,
    });
    add('generalSeriesModule', { modality: 'CT', seriesInstanceUID: `1.2.3.4.${stack}` });
    add('imagePixelModule', {
      bitsAllocated: 16,
      bitsStored: 16,
      samplesPerPixel: 1,
      pixelRepresentation: 1,
    });
  });
  const voxelRepresentation =
    options.representation === 'RLE' ? Enums.VoxelManagerEnum.RLE : Enums.VoxelManagerEnum.Volume;
  const labelmapIds = imageLoader
    .createAndCacheDerivedLabelmapImages(imageIds, { voxelRepresentation })
    .map((image) => image.imageId);
  return { imageIds, labelmapIds };
}
