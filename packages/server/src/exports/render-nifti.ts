import { gzipSync } from 'node:zlib';
import { type ImageVolume, writeNifti } from '@voxelhub/core';
import type { SkippedAnnotation } from '@voxelhub/core/export';
import { labelMapToNifti } from '@voxelhub/core/segmentation';
import { loadCaseVolume } from './case-volume.js';
import { composedLabelMap } from './composed-label-map.js';
import { eachCase, type FormatRenderer } from './render-context.js';

/** The image as a plain NIfTI: its voxels and grid, none of its source's NIfTI codes or DICOM metadata. */
function plainNifti(volume: ImageVolume): Uint8Array {
  return gzipSync(writeNifti({ ...volume, kind: 'volume', meta: {}, warnings: [] }));
}

/**
 * NIfTI: per case `images/<case>.nii.gz` (its voxels as read, RGB kept) and `labels/<case>.nii.gz`, the
 * case's composed label map (class indices; composed-label-map.ts) on exactly the image's grid, plus
 * `labels.json` mapping each class index to its label's name. Annotations other than masks are not held.
 */
export const renderNifti: FormatRenderer = async (context) => {
  const { model, output, blobs } = context;
  const skipped: SkippedAnnotation[] = [];
  await eachCase(context, async (c, annotations) => {
    const name = c.image.caseName;
    const volume = await loadCaseVolume(blobs, c);
    await output.write({ path: `images/${name}.nii.gz`, bytes: plainNifti(volume) });
    const composed = await composedLabelMap(blobs, c.image, annotations, model.dataset.labels);
    skipped.push(...composed.skipped);
    const label = labelMapToNifti(composed.labelMap, c.image.geometry, { gzip: true });
    await output.write({ path: `labels/${name}.nii.gz`, bytes: label });
    for (const a of annotations)
      if (a.payload.type !== 'segmentation')
        skipped.push({
          annotationId: a.id,
          type: a.payload.type,
          reason: 'NIfTI label maps hold masks only',
        });
  });
  const classes: Record<string, string> = { '0': 'background' };
  for (const l of model.dataset.labels) if (l.type === 'mask') classes[String(l.classIndex)] = l.name;
  await output.write({
    path: 'labels.json',
    bytes: new TextEncoder().encode(`${JSON.stringify(classes, null, 2)}\n`),
  });
  return skipped;
};
