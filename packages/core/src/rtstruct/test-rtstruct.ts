import type { SeriesPlan } from '../dicom/series/series-plan.js';
import { writePart10 } from '../dicom/write-part10.js';
import { indexToPatient } from '../volume/patient-coordinates.js';
import { RT_STRUCTURE_SET_STORAGE } from './read-rtstruct.js';

/** A contour for a test structure set: its slice and (i, j) index points on the series' grid. */
export interface TestContour {
  readonly slice: number;
  readonly points: readonly (readonly [number, number])[];
  readonly type?: 'CLOSED_PLANAR' | 'CLOSEDPLANAR_XOR' | 'POINT';
}

export interface TestRoi {
  readonly name: string;
  readonly colour: readonly [number, number, number];
  readonly contours: readonly TestContour[];
}

/** Five decimals of a mm: DS values stay within their 16 characters. */
const ds = (v: number) => Math.round(v * 1e5) / 1e5;

/**
 * An RT Structure Set drawn on a series (test support): contours given in voxel index, written in patient
 * coordinates with each contour's image referenced, as a treatment planning system writes them.
 */
export function writeTestRtstruct(series: SeriesPlan, rois: readonly TestRoi[]): Uint8Array {
  const first = series.frames[0]!.header;
  const frameOfReferenceUid = first.frameOfReferenceUID ?? '2.25.1';
  const imageOf = (slice: number) => {
    const header = series.frames[slice]!.header;
    return { ReferencedSOPClassUID: header.sopClassUID, ReferencedSOPInstanceUID: header.sopInstanceUID };
  };
  return writePart10(
    {
      SOPClassUID: RT_STRUCTURE_SET_STORAGE,
      SOPInstanceUID: '2.25.3071964216318491839240167',
      StudyInstanceUID: first.studyInstanceUID,
      SeriesInstanceUID: '2.25.3071964216318491839240168',
      Modality: 'RTSTRUCT',
      PatientID: 'TEST',
      StructureSetLabel: 'TEST',
      StructureSetDate: '20261128',
      StructureSetTime: '120000',
      ReferencedFrameOfReferenceSequence: [
        {
          FrameOfReferenceUID: frameOfReferenceUid,
          RTReferencedStudySequence: [
            {
              ReferencedSOPClassUID: '1.2.840.10008.3.1.2.3.1',
              ReferencedSOPInstanceUID: first.studyInstanceUID,
              RTReferencedSeriesSequence: [
                {
                  SeriesInstanceUID: first.seriesInstanceUID,
                  ContourImageSequence: series.frames.map((_, k) => imageOf(k)),
                },
              ],
            },
          ],
        },
      ],
      StructureSetROISequence: rois.map((roi, r) => ({
        ROINumber: r + 1,
        ReferencedFrameOfReferenceUID: frameOfReferenceUid,
        ROIName: roi.name,
        ROIGenerationAlgorithm: 'MANUAL',
      })),
      ROIContourSequence: rois.map((roi, r) => ({
        ReferencedROINumber: r + 1,
        ROIDisplayColor: [...roi.colour],
        ContourSequence: roi.contours.map((contour, c) => ({
          ContourNumber: c + 1,
          ContourGeometricType: contour.type ?? 'CLOSED_PLANAR',
          NumberOfContourPoints: contour.points.length,
          ContourImageSequence: [imageOf(contour.slice)],
          ContourData: contour.points.flatMap(([i, j]) =>
            indexToPatient(series.geometry, [i, j, contour.slice]).map(ds),
          ),
        })),
      })),
      RTROIObservationsSequence: rois.map((roi, r) => ({
        ObservationNumber: r + 1,
        ReferencedROINumber: r + 1,
        RTROIInterpretedType: roi.contours[0]?.type === 'POINT' ? 'MARKER' : 'ORGAN',
        ROIInterpreter: '',
      })),
    },
    'VOXELHUB_TEST_1',
  );
}
