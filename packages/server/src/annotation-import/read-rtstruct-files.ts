import {
  type RtStructureSet,
  readRtstruct,
  rtstructContourAnnotations,
  rtstructLabelMap,
} from '@voxelhub/core';
import { readingFile } from './bad-import-file.js';
import type { ImportContext } from './import-context.js';
import { dicomModality } from './import-format.js';
import type { ImportedAnnotation, ImportedItems, ImportedLabelMap, SkippedItem } from './imported-items.js';
import { labelValues } from './label-map-on-case.js';
import type { ImportCase } from './project-cases.js';

/**
 * What an ROI's outlines are filed under: the mask label takes the ROI's name, the contours a polygon
 * label of the name with ' (contour)' after it, since a label has one type.
 */
export const contourLabelName = (roi: string): string => `${roi} (contour)`;

function hex(colour: readonly [number, number, number] | undefined): string | undefined {
  return (
    colour && `#${colour.map((c) => Math.max(0, Math.min(255, c)).toString(16).padStart(2, '0')).join('')}`
  );
}

/** The series a structure set was drawn on: by the series it references, else by a contour's images. */
function caseOfStructureSet(context: ImportContext, structure: RtStructureSet): ImportCase | undefined {
  for (const uid of structure.referencedSeriesUids) {
    const found = context.matcher.bySeriesInstanceUid(uid);
    if (found) return found;
  }
  for (const roi of structure.rois)
    for (const contour of roi.contours)
      for (const uid of contour.referencedSopInstanceUids) {
        const found = context.matcher.bySopInstanceUid(uid);
        if (found) return found.case;
      }
  return undefined;
}

/**
 * DICOM RT Structure Sets, each on the series it references (the annotation import's rule b): its closed
 * contours become one label-map segmentation (core's rtstructLabelMap; each ROI a mask label of its name)
 * and each contour a freehand contour annotation on its slice (a polygon label '<ROI> (contour)'). ROIs,
 * contours and warnings that do not make it are reported with the file.
 */
export function readRtstructFiles(context: ImportContext): ImportedItems {
  const annotations: ImportedAnnotation[] = [];
  const labelMaps: ImportedLabelMap[] = [];
  const skipped: SkippedItem[] = [];
  for (const file of context.files.filter((f) => dicomModality(f) === 'RTSTRUCT')) {
    const structure = readingFile(file.path, () => readRtstruct(file.bytes, { name: file.path }));
    const target = caseOfStructureSet(context, structure);
    if (!target?.geometry) {
      skipped.push({
        file: file.path,
        reason: target
          ? `${target.kind} ${target.id} has no stored voxel grid to place contours on`
          : `references series ${structure.referencedSeriesUids.join(', ') || '(none)'}, which is not in the project`,
      });
      continue;
    }
    const reasons = new Set(structure.warnings.map((w) => `${file.path}\u0000${w}`));
    const roiOf = new Map(structure.rois.map((roi) => [roi.number, roi]));
    const map = rtstructLabelMap(structure, target.geometry);
    const values = new Set(labelValues({ dims: target.geometry.dims, voxels: map.labelMap }));
    const segments = map.classes
      .filter((c) => values.has(c.value))
      .map((c) => ({
        value: c.value,
        label: { name: c.name, type: 'mask' as const, ...(c.colour ? { colour: hex(c.colour) } : {}) },
      }));
    if (segments.length > 0)
      labelMaps.push({
        file: file.path,
        caseId: target.id,
        labelMap: { dims: target.geometry.dims, voxels: map.labelMap },
        segments,
      });
    const contours = rtstructContourAnnotations(structure, {
      imageId: target.id,
      geometry: target.geometry,
      labelIdOf: (roi) => String(roi.number),
    });
    for (const payload of contours.payloads) {
      const roi = roiOf.get(Number(payload.labelId))!;
      const colour = hex(roi.colour);
      annotations.push({
        file: `${file.path} (ROI ${roi.name})`,
        caseId: target.id,
        label: { name: contourLabelName(roi.name), type: 'polygon', ...(colour ? { colour } : {}) },
        payload,
      });
    }
    for (const s of [...map.skipped, ...contours.skipped])
      reasons.add(`${file.path} (ROI ${s.roi})\u0000${s.reason}`);
    for (const r of reasons) {
      const [where, reason] = r.split('\u0000') as [string, string];
      skipped.push({ file: where, reason });
    }
  }
  return { annotations, labelMaps, skipped };
}
