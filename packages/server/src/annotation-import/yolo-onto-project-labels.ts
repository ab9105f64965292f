import type { AnnotatedPoint, AnnotationPayload } from '@voxelhub/core/annotation';
import { encodeBinaryRle } from '@voxelhub/core/annotation';
import type { ExportImage, ExportLabel } from '@voxelhub/core/export';
import { fillPolygon, type PlanePolygon } from './fill-polygon.js';
import type { ImportedAnnotation } from './imported-items.js';

/**
 * YOLO names classes but not what they are: a segmentation line is a polygon whether it outlined a
 * polygon, a box or a mask. Where the project already has a label of that name, the shape is read as that
 * label's type, so Voxelhub's own YOLO export comes back as it went out:
 * - under a mask label, the polygons of one plane are filled (pixel centres inside or on the edge) into
 *   one inline mask, as COCO's masks come back;
 * - under a box label, an axis-aligned four-corner polygon is the box it was written from.
 * Anything else keeps its YOLO type (and the label matching reports a clash).
 */
export function yoloOntoProjectLabels(
  annotations: readonly ImportedAnnotation[],
  projectLabels: readonly ExportLabel[],
  images: readonly ExportImage[],
): ImportedAnnotation[] {
  const typeOf = new Map(projectLabels.map((l) => [l.name.toLowerCase(), l]));
  const imageOf = new Map(images.map((i) => [i.id, i]));
  const out: ImportedAnnotation[] = [];
  const masks = new Map<string, { first: ImportedAnnotation; polygons: PlanePolygon[] }>();
  for (const a of annotations) {
    const label = typeOf.get(a.label.name.toLowerCase());
    const polygon = a.payload.type === 'polygon' ? a.payload.data.points.map(ij) : undefined;
    if (label?.type === 'mask' && polygon) {
      const key = `${a.caseId}|${JSON.stringify(a.payload.imageRef)}|${label.name}`;
      const group = masks.get(key) ?? { first: a, polygons: [] };
      group.polygons.push(polygon);
      masks.set(key, group);
      continue;
    }
    if (
      label?.type === 'box' &&
      a.payload.type === 'polygon' &&
      isAxisAlignedRectangle(a.payload.data.points)
    ) {
      out.push({ ...a, label: { ...a.label, type: 'box' }, payload: boxOf(a.payload) });
      continue;
    }
    out.push(a);
  }
  for (const { first, polygons } of masks.values()) {
    const image = imageOf.get(first.caseId);
    if (!image) {
      out.push(first);
      continue;
    }
    out.push(maskOf(first, polygons, image));
  }
  return out;
}

const ij = (p: AnnotatedPoint): readonly [number, number] => [p.index[0], p.index[1]];

function isAxisAlignedRectangle(points: readonly AnnotatedPoint[]): boolean {
  if (points.length !== 4) return false;
  const xs = new Set(points.map((p) => p.index[0]));
  const ys = new Set(points.map((p) => p.index[1]));
  return xs.size === 2 && ys.size === 2;
}

/** The rectangle's corners with the smallest and the largest (i, j): a box2d's min and max. */
function boxOf(payload: Extract<AnnotationPayload, { type: 'polygon' }>): AnnotationPayload {
  const points = payload.data.points;
  const xs = points.map((p) => p.index[0]);
  const ys = points.map((p) => p.index[1]);
  const corner = (x: number, y: number) => points.find((p) => p.index[0] === x && p.index[1] === y)!;
  return {
    schemaVersion: 1,
    type: 'box2d',
    imageRef: payload.imageRef,
    labelId: payload.labelId,
    data: { min: corner(Math.min(...xs), Math.min(...ys)), max: corner(Math.max(...xs), Math.max(...ys)) },
  };
}

function maskOf(
  first: ImportedAnnotation,
  polygons: readonly PlanePolygon[],
  image: ExportImage,
): ImportedAnnotation {
  const [width, height] = image.geometry.dims;
  const plane = new Uint8Array(width * height);
  for (const polygon of polygons) fillPolygon(polygon, width, height, plane);
  const payload = {
    schemaVersion: 1,
    type: 'segmentation',
    imageRef: first.payload.imageRef,
    labelId: first.payload.labelId,
    data: {
      representation: 'rle',
      mask: encodeBinaryRle(plane, width, height),
      // The label's id, name and colour are filled in when the import writes it (import-plan.ts).
      segment: {
        index: 1,
        labelId: first.payload.labelId,
        name: first.label.name,
        colour: first.label.colour,
        locked: false,
      },
    },
  } as AnnotationPayload;
  return { ...first, label: { ...first.label, type: 'mask' }, payload };
}
