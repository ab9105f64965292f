/** What an RT Structure Set (PS3.3 A.19) holds, as far as annotations need it. */

/** PS3.3 C.8.8.6.1: how a contour's points are joined. */
export type ContourGeometricType =
  | 'POINT'
  | 'OPEN_PLANAR'
  | 'OPEN_NONPLANAR'
  | 'CLOSED_PLANAR'
  | 'CLOSEDPLANAR_XOR';

export interface RtContour {
  readonly geometricType: ContourGeometricType;
  /** x, y, z of each point in patient space (LPS, mm), as Contour Data (3006,0050) gives them. */
  readonly points: Float64Array;
  /** The images the contour was drawn on (Contour Image Sequence), when the writer named them. */
  readonly referencedSopInstanceUids: readonly string[];
}

export interface RtRoi {
  /** ROI Number (3006,0022): the key the contour and observation sequences use. */
  readonly number: number;
  readonly name: string;
  /** ROI Display Color (3006,002A), 0–255 each. */
  readonly colour?: readonly [number, number, number];
  /** RT ROI Interpreted Type (3006,00A4): ORGAN, PTV, EXTERNAL, MARKER, … */
  readonly interpretedType?: string;
  readonly frameOfReferenceUid?: string;
  readonly contours: readonly RtContour[];
}

export interface RtStructureSet {
  readonly label?: string;
  readonly frameOfReferenceUid?: string;
  /** Series Instance UIDs the Referenced Frame of Reference Sequence names. */
  readonly referencedSeriesUids: readonly string[];
  readonly rois: readonly RtRoi[];
  readonly warnings: readonly string[];
}
