import {
  type ExportAnnotation,
  type ExportDataset,
  type SkippedAnnotation,
  type YoloExport,
  yoloDetectionFiles,
  yoloImagePath,
  yoloPlane,
  yoloSegmentationFiles,
} from '@voxelhub/core/export';
import { caseAnnotationLabelMaps } from './annotation-label-map.js';
import { loadCaseVolume } from './case-volume.js';
import { displayWindow } from './display-window.js';
import { labelMapSliceAnnotations } from './label-map-slices.js';
import { planePng } from './plane-png.js';
import { eachCase, type FormatRenderer, type RenderContext } from './render-context.js';

type YoloWriter = (dataset: ExportDataset) => YoloExport;

/**
 * Ultralytics YOLO: one PNG per 2D image and per slice or frame at `images/<split>/<name>.png`, the core
 * writer's `labels/<split>/<name>.txt` beside them, and `data.yaml`. Label-map masks become inline masks per
 * slice first (label-map-slices.ts), so that the writer traces them into boxes or polygons.
 */
async function renderYolo(context: RenderContext, write: YoloWriter): Promise<readonly SkippedAnnotation[]> {
  const { model, output, blobs } = context;
  const annotations: ExportAnnotation[] = [];
  await eachCase(context, async (c, ofCase) => {
    const volume = await loadCaseVolume(blobs, c);
    const window = displayWindow(volume);
    for (let k = 0; k < c.image.geometry.dims[2]; k++) {
      const path = yoloImagePath(yoloPlane(c.image, k));
      await output.write({ path, bytes: planePng(volume, k, window) });
    }
    const maps = await caseAnnotationLabelMaps(blobs, c.image, ofCase);
    for (const a of ofCase) {
      const map = maps.get(a.id);
      annotations.push(...(map ? labelMapSliceAnnotations(a, map) : [a]));
    }
  });
  const written = write({ ...model.dataset, annotations });
  await output.writeAll(written.files);
  return written.skipped;
}

export const renderYoloDetection: FormatRenderer = (context) =>
  renderYolo(context, (dataset) => yoloDetectionFiles(dataset));

export const renderYoloSegmentation: FormatRenderer = (context) =>
  renderYolo(context, (dataset) => yoloSegmentationFiles(dataset));
