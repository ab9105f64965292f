import {
  newDicomUid,
  renumberLabelMap,
  type SkippedAnnotation,
  segmentsFromLabels,
  writeDicomSeg,
} from '@voxelhub/core/export';
import { composedLabelMap } from './composed-label-map.js';
import { referenceableSource, studyAttributes } from './dicom-case-source.js';
import { eachCase, type FormatRenderer } from './render-context.js';
import { skipAll } from './skip-all.js';

/**
 * DICOM SEG: one binary Segmentation per DICOM case with masks, `seg/<case>.dcm`, on the case's series grid,
 * each frame referencing the source instance of its slice, one segment per mask label present (numbered
 * 1…N in class-index order). Masks are composed as composed-label-map.ts does. Non-DICOM cases, cases
 * without a Frame of Reference, and annotations other than masks are listed as skipped.
 */
export const renderDicomSeg: FormatRenderer = async (context) => {
  const { model, output, blobs } = context;
  const { labels } = model.dataset;
  const skipped: SkippedAnnotation[] = [];
  const createdAt = new Date(model.version.row.created_at);
  await eachCase(context, async (c, annotations) => {
    const masks = annotations.filter((a) => a.payload.type === 'segmentation');
    skipped.push(
      ...skipAll(
        annotations.filter((a) => a.payload.type !== 'segmentation'),
        'DICOM SEG holds masks only',
      ),
    );
    if (masks.length === 0) return;
    const source = referenceableSource(c, 'a SEG');
    if (typeof source === 'string') {
      skipped.push(...skipAll(masks, source));
      return;
    }
    const composed = await composedLabelMap(blobs, c.image, masks, labels);
    skipped.push(...composed.skipped);
    const present = new Set(composed.labelMap.voxels);
    const { segments, segmentOfClass } = segmentsFromLabels(
      labels.filter((l) => l.type === 'mask' && present.has(l.classIndex)),
    );
    if (segments.length === 0) {
      skipped.push(...skipAll(masks, 'the masks are empty'));
      return;
    }
    const bytes = writeDicomSeg({
      labelMap: {
        voxels: renumberLabelMap(composed.labelMap.voxels, segmentOfClass),
        dims: c.image.geometry.dims,
      },
      geometry: c.image.geometry,
      segments,
      type: 'BINARY',
      source: {
        studyInstanceUid: source.study.studyInstanceUid,
        seriesInstanceUid: source.study.seriesInstanceUid,
        frameOfReferenceUid: source.frameOfReferenceUid,
        referencedInstances: source.slices.map((s) => ({
          sopClassUid: s.sopClassUid,
          sopInstanceUid: s.sopInstanceUid,
          ...(s.frameNumber ? { frameNumber: s.frameNumber } : {}),
        })),
        ...studyAttributes(source.study),
        ...(source.study.studyDescription ? { studyDescription: source.study.studyDescription } : {}),
      },
      uids: { seriesInstanceUid: newDicomUid(), sopInstanceUid: newDicomUid() },
      creator: {
        seriesDescription: `Voxelhub ${model.version.row.name}`.slice(0, 64),
        contentDateTime: createdAt,
      },
    });
    await output.write({ path: `seg/${c.image.caseName}.dcm`, bytes });
  });
  return skipped;
};
