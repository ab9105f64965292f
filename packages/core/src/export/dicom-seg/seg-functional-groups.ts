import type { Vec3 } from '../../geometry/vector.js';
import { codeItem, SEGMENTATION_DERIVATION, SOURCE_IMAGE_PURPOSE } from './coded-concept.js';
import { decimalString } from './decimal-string.js';
import type { SegFrameRef } from './seg-frame-pixels.js';
import type { SegPlaneGeometry } from './seg-plane-geometry.js';

/** One source instance a slice of the SEG was drawn on. */
export interface SegSourceInstance {
  readonly sopClassUid: string;
  readonly sopInstanceUid: string;
  /** The frame of a multi-frame source that is this slice (1-based); absent for single-frame sources. */
  readonly frameNumber?: number;
}

type Item = Record<string, unknown>;

const SEGMENT_IDENTIFICATION = 0x0062000a;
const REFERENCED_SEGMENT_NUMBER = 0x0062000b;
const PLANE_POSITION = 0x00209113;
const IMAGE_POSITION_PATIENT = 0x00200032;

function decimals(values: readonly number[]): string[] {
  return values.map(decimalString);
}

/**
 * Plane Orientation and Pixel Measures, the same for every frame (PS3.3 C.7.6.16.2.1, .2.4). Slice
 * Thickness is the source's when given, else the slice spacing (the label map's voxels touch).
 */
export function sharedFunctionalGroups(plane: SegPlaneGeometry, sliceThickness?: number): Item[] {
  return [
    {
      PlaneOrientationSequence: [{ ImageOrientationPatient: decimals(plane.orientation) }],
      PixelMeasuresSequence: [
        {
          PixelSpacing: decimals(plane.pixelSpacing),
          SliceThickness: decimalString(sliceThickness ?? plane.sliceSpacing),
          SpacingBetweenSlices: decimalString(plane.sliceSpacing),
        },
      ],
    },
  ];
}

function sourceImage(source: SegSourceInstance): Item {
  return {
    ReferencedSOPClassUID: source.sopClassUid,
    ReferencedSOPInstanceUID: source.sopInstanceUid,
    ...(source.frameNumber !== undefined ? { ReferencedFrameNumber: source.frameNumber } : {}),
    PurposeOfReferenceCodeSequence: [codeItem(SOURCE_IMAGE_PURPOSE)],
    SpatialLocationsPreserved: 'YES',
  };
}

/**
 * Each frame's own groups: its segment, its plane position, the source slice it was derived from, and its
 * dimension index values (segment number, then 1-based slice index along the label map's k axis).
 */
export function perFrameFunctionalGroups(
  frames: readonly SegFrameRef[],
  plane: SegPlaneGeometry,
  sources: readonly SegSourceInstance[],
): Item[] {
  return frames.map(({ segment, slice }) => {
    const position: Vec3 = plane.positionOfSlice(slice);
    return {
      FrameContentSequence: [{ DimensionIndexValues: [segment, slice + 1] }],
      PlanePositionSequence: [{ ImagePositionPatient: decimals(position) }],
      DerivationImageSequence: [
        {
          DerivationCodeSequence: [codeItem(SEGMENTATION_DERIVATION)],
          SourceImageSequence: [sourceImage(sources[slice]!)],
        },
      ],
      SegmentIdentificationSequence: [{ ReferencedSegmentNumber: segment }],
    };
  });
}

/**
 * The Multi-frame Dimension Module as dcmqi writes it: frames indexed by Referenced Segment Number, then by
 * Image Position (Patient), both in one dimension organization.
 */
export function dimensionModule(dimensionOrganizationUid: string): Item {
  return {
    DimensionOrganizationSequence: [{ DimensionOrganizationUID: dimensionOrganizationUid }],
    DimensionOrganizationType: '3D',
    DimensionIndexSequence: [
      {
        DimensionOrganizationUID: dimensionOrganizationUid,
        DimensionIndexPointer: REFERENCED_SEGMENT_NUMBER,
        FunctionalGroupPointer: SEGMENT_IDENTIFICATION,
        DimensionDescriptionLabel: 'ReferencedSegmentNumber',
      },
      {
        DimensionOrganizationUID: dimensionOrganizationUid,
        DimensionIndexPointer: IMAGE_POSITION_PATIENT,
        FunctionalGroupPointer: PLANE_POSITION,
        DimensionDescriptionLabel: 'ImagePositionPatient',
      },
    ],
  };
}
