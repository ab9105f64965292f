import {
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
 * slice first (label-map-slices.ts), so that the writer traces them into boxes or polygons. YOLO files are
 * per plane, so each case is written on its own and nothing of it is held after.
 */
async function renderYolo(context: RenderContext, write: YoloWriter): Promise<readonly SkippedAnnotation[]> {
  const { model, output, blobs } = context;
  const skipped: SkippedAnnotation[] = [];
  await eachCase(context, async (c, ofCase) => {
    const volume = await loadCaseVolume(blobs, c);
    const window = displayWindow(volume);
    for (let k = 0; k < c.image.geometry.dims[2]; k++) {
      const path = yoloImagePath(yoloPlane(c.image, k));
      await output.write({ path, bytes: planePng(volume, k, window) });
    }
    const maps = await caseAnnotationLabelMaps(blobs, c.image, ofCase);
    const annotations = ofCase.flatMap((a) => {
      const map = maps.get(a.id);
      return map ? labelMapSliceAnnotations(a, map) : [a];
    });
    const written = write({ ...model.dataset, images: [c.image], annotations });
    await output.writeAll(written.files.filter((f) => f.path !== DATA_YAML));
    skipped.push(...written.skipped);
  });
  // data.yaml names the splits of every image and the classes: the writer's, from all images.
  const whole = write({ ...model.dataset, annotations: [] });
  await output.writeAll(whole.files.filter((f) => f.path === DATA_YAML));
  return skipped;
}

const DATA_YAML = 'data.yaml';

export const renderYoloDetection: FormatRenderer = (context) =>
  renderYolo(context, (dataset) => yoloDetectionFiles(dataset));

export const renderYoloSegmentation: FormatRenderer = (context) =>
  renderYolo(context, (dataset) => yoloSegmentationFiles(dataset));
