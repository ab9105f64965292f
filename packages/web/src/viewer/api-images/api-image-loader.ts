import { imageLoader, type Types, utilities } from '@cornerstonejs/core';
import { type DecodedVolume, type PixelStorage, sliceSamples } from './pixel-storage.js';

/** The image id scheme of slices decoded in the page from an API image's stored file. */
export const API_IMAGE_SCHEME = 'voxelhub-api';

/** A decoded image, ready to hand out slice by slice. */
export interface DecodedImage {
  readonly volume: DecodedVolume;
  readonly storage: PixelStorage;
  readonly modality: string;
  readonly frameOfReferenceUid: string;
  readonly window?: { readonly center: number; readonly width: number };
}

/**
 * Decoded images by image base (`voxelhub-api:<image URL>`), newest last. A few are kept so that going
 * back to an image is instant; older ones are dropped (their slices decode again if opened again).
 */
const decoded = new Map<string, DecodedImage>();
const KEPT_IMAGES = 3;

export function sliceImageId(imageUrl: string, k: number): string {
  return `${API_IMAGE_SCHEME}:${imageUrl}/slices/${k}`;
}

/** Makes `image`'s slices loadable under sliceImageId(imageUrl, k); registers the loader on first use. */
export function provideDecodedImage(imageUrl: string, image: DecodedImage): void {
  imageLoader.registerImageLoader(API_IMAGE_SCHEME, loadApiSlice as unknown as Types.ImageLoaderFn);
  decoded.delete(imageUrl);
  decoded.set(imageUrl, image);
  for (const key of [...decoded.keys()].slice(0, Math.max(0, decoded.size - KEPT_IMAGES)))
    decoded.delete(key);
}

/** The ImageLoaderFn: slices are cut from the decoded volume when Cornerstone3D asks for them. */
function loadApiSlice(imageId: string): Types.IImageLoadObject {
  const match = /^[^:]+:(.*)\/slices\/(\d+)$/.exec(imageId);
  const image = match ? decoded.get(match[1]!) : undefined;
  if (!match || !image)
    return { promise: Promise.reject(new Error(`${imageId} is not decoded in this page`)) };
  return { promise: Promise.resolve(cornerstoneImage(imageId, image, Number(match[2]))) };
}

function cornerstoneImage(imageId: string, image: DecodedImage, k: number): Types.IImage {
  const { volume, storage } = image;
  const [columns, rows] = volume.dims;
  const pixels = sliceSamples(volume, k, storage);
  const numberOfComponents = storage.samplesPerPixel;
  const voxelManager = utilities.VoxelManager.createImageVoxelManager({
    width: columns,
    height: rows,
    numberOfComponents,
    scalarData: pixels,
  });
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const v of pixels) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const scaling = { rescaleSlope: 1, rescaleIntercept: 0, modality: image.modality };
  return {
    imageId,
    dataType: storage.arrayType,
    color: numberOfComponents === 3,
    rgba: false,
    numberOfComponents,
    photometricInterpretation: storage.photometricInterpretation,
    rows,
    columns,
    height: rows,
    width: columns,
    columnPixelSpacing: volume.spacing[0],
    rowPixelSpacing: volume.spacing[1],
    sliceThickness: volume.spacing[2],
    FrameOfReferenceUID: image.frameOfReferenceUid,
    // The samples are real values: nothing left to rescale.
    slope: 1,
    intercept: 0,
    preScale: { enabled: true, scaled: true, scalingParameters: scaling },
    windowCenter: image.window?.center ?? 128,
    windowWidth: image.window?.width ?? 256,
    minPixelValue: Number.isFinite(min) ? min : 0,
    maxPixelValue: Number.isFinite(max) ? max : 0,
    invert: storage.photometricInterpretation === 'MONOCHROME1',
    sizeInBytes: pixels.byteLength,
    voxelManager,
    getPixelData: () => voxelManager.getScalarData(),
  } as unknown as Types.IImage;
}
