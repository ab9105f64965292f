/**
 * File names of COCO images. A 2D image (one slice or frame) is `<caseName>.png`; a volume is one image per
 * slice, `<caseName>/slice_0042.png`, and a multi-frame or cine image one per frame, `<caseName>/frame_0042.png`,
 * numbered from 0 in voxel order (index k) and zero-padded to at least 4 digits (more when there are more
 * planes) so that names sort in order. The pixel writer must use the same names: call this function.
 */
export type CocoPlane = 'slice' | 'frame';

const EXTENSION = '.png';

export function cocoImageFileName(caseName: string, planes: number, plane: CocoPlane, k: number): string {
  if (planes === 1) return `${caseName}${EXTENSION}`;
  const digits = Math.max(4, String(planes - 1).length);
  return `${caseName}/${plane}_${String(k).padStart(digits, '0')}${EXTENSION}`;
}

export interface ParsedCocoImageFileName {
  readonly caseName: string;
  /** Absent for a 2D image's `<caseName>.png`. */
  readonly plane?: CocoPlane;
  readonly k: number;
}

const PLANE_NAME = /^(.+)\/(slice|frame)_(\d+)\.png$/;
const SINGLE_NAME = /^([^/]+)\.png$/;

/** Reads a name written by cocoImageFileName back; undefined for any other name. */
export function parseCocoImageFileName(fileName: string): ParsedCocoImageFileName | undefined {
  const planeMatch = PLANE_NAME.exec(fileName);
  if (planeMatch)
    return { caseName: planeMatch[1]!, plane: planeMatch[2] as CocoPlane, k: Number(planeMatch[3]) };
  const singleMatch = SINGLE_NAME.exec(fileName);
  return singleMatch ? { caseName: singleMatch[1]!, k: 0 } : undefined;
}
