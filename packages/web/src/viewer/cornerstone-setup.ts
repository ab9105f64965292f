import { init as initCore } from '@cornerstonejs/core';
import dicomImageLoader from '@cornerstonejs/dicom-image-loader';
import {
  addTool,
  CrosshairsTool,
  init as initTools,
  PanTool,
  StackScrollTool,
  WindowLevelTool,
  ZoomTool,
} from '@cornerstonejs/tools';
import type { SeriesFrame } from './series-image-ids.js';

let ready: Promise<void> | undefined;

/**
 * Starts Cornerstone3D once per page: the renderer, the DICOM loader with its decode workers, and the
 * tools the viewer binds. Later viewers reuse it (initialising twice would purge the image cache).
 */
export function setUpCornerstone(): Promise<void> {
  ready ??= Promise.resolve().then(() => {
    initCore();
    // Decoding runs in workers; two are enough for one stack and leave the page's thread its share.
    dicomImageLoader.init({ maxWebWorkers: Math.max(1, Math.min(2, navigator.hardwareConcurrency || 1)) });
    initTools();
    for (const tool of [WindowLevelTool, StackScrollTool, ZoomTool, PanTool, CrosshairsTool]) addTool(tool);
  });
  return ready;
}

/**
 * Gives the loader each frame's DICOM JSON, which it reads instead of asking the server per frame. A
 * projection image (DX, CR, MG) without Pixel Spacing is measured by its Imager Pixel Spacing, as the
 * server reads it (docs/image-model.md); the loader alone would take 1 mm pixels.
 */
export function registerFrameMetadata(frames: readonly SeriesFrame[]): void {
  for (const { imageId, instance } of frames) {
    const spaced =
      instance['00280030'] || !instance['00181164']
        ? instance
        : { ...instance, '00280030': instance['00181164'] };
    dicomImageLoader.wadors.metaDataManager.add(
      imageId,
      spaced as unknown as Parameters<typeof dicomImageLoader.wadors.metaDataManager.add>[1],
    );
  }
}
