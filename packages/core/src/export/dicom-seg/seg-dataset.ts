import { SEGMENTATION_STORAGE } from '../../dicom-seg/seg-module.js';
import { hexColourToDicomLab } from './cielab-colour.js';
import { codeItem, TISSUE } from './coded-concept.js';
import type { DicomSegSegment, WriteDicomSegInput } from './dicom-seg-input.js';
import type { SegFrameRef } from './seg-frame-pixels.js';
import {
  dimensionModule,
  perFrameFunctionalGroups,
  sharedFunctionalGroups,
} from './seg-functional-groups.js';
import type { SegPlaneGeometry } from './seg-plane-geometry.js';

type Dataset = Record<string, unknown>;

export const MANUFACTURER = 'Voxelhub';

/** DA and TM of a moment, in UTC (the SEG carries no Timezone Offset, so UTC is stated in the docs). */
function dateAndTime(at: Date): { date: string; time: string } {
  const iso = at.toISOString(); // 2026-11-28T01:30:02.123Z
  return { date: iso.slice(0, 10).replaceAll('-', ''), time: iso.slice(11, 23).replace(/:/g, '') };
}

function segmentItem(segment: DicomSegSegment, input: WriteDicomSegInput): Dataset {
  const algorithm = input.creator?.algorithm;
  return {
    SegmentNumber: segment.number,
    SegmentLabel: segment.label,
    ...(segment.description ? { SegmentDescription: segment.description } : {}),
    SegmentAlgorithmType: algorithm?.type ?? 'MANUAL',
    ...(algorithm ? { SegmentAlgorithmName: algorithm.name } : {}),
    SegmentedPropertyCategoryCodeSequence: [codeItem(segment.category ?? TISSUE)],
    SegmentedPropertyTypeCodeSequence: [codeItem(segment.type ?? TISSUE)],
    RecommendedDisplayCIELabValue: hexColourToDicomLab(segment.colour),
  };
}

/** Patient, General Study, Frame of Reference: copied from the source so the SEG joins its study. */
function sourceModules(input: WriteDicomSegInput): Dataset {
  const s = input.source;
  return {
    PatientName: s.patientName ?? '',
    PatientID: s.patientId ?? '',
    PatientBirthDate: s.patientBirthDate ?? '',
    PatientSex: s.patientSex ?? '',
    StudyInstanceUID: s.studyInstanceUid,
    StudyDate: s.studyDate ?? '',
    StudyTime: s.studyTime ?? '',
    ReferringPhysicianName: s.referringPhysicianName ?? '',
    StudyID: s.studyId ?? '',
    AccessionNumber: s.accessionNumber ?? '',
    ...(s.studyDescription ? { StudyDescription: s.studyDescription } : {}),
    FrameOfReferenceUID: s.frameOfReferenceUid,
    PositionReferenceIndicator: '',
  };
}

/** General and Segmentation Series, General and Enhanced General Equipment, SOP Common. */
function seriesModules(input: WriteDicomSegInput): Dataset {
  const c = input.creator ?? {};
  return {
    SpecificCharacterSet: 'ISO_IR 192',
    SOPClassUID: SEGMENTATION_STORAGE,
    SOPInstanceUID: input.uids.sopInstanceUid,
    Modality: 'SEG',
    SeriesInstanceUID: input.uids.seriesInstanceUid,
    SeriesNumber: c.seriesNumber ?? 300,
    ...(c.seriesDescription ? { SeriesDescription: c.seriesDescription } : {}),
    Manufacturer: MANUFACTURER,
    ManufacturerModelName: c.manufacturerModelName ?? 'Voxelhub',
    DeviceSerialNumber: c.deviceSerialNumber ?? '1',
    SoftwareVersions: c.softwareVersions ?? '0.1.0',
  };
}

/** Segmentation Image and Image Pixel: what the pixels are and how they are stored. */
function imageModules(input: WriteDicomSegInput, frames: number): Dataset {
  const c = input.creator ?? {};
  const bits = input.type === 'BINARY' ? 1 : 8;
  const { date, time } = dateAndTime(c.contentDateTime ?? new Date());
  return {
    ImageType: ['DERIVED', 'PRIMARY'],
    InstanceNumber: c.instanceNumber ?? 1,
    ContentLabel: c.contentLabel ?? 'SEGMENTATION',
    ContentDescription: c.contentDescription ?? '',
    ContentCreatorName: c.contentCreatorName ?? '',
    ContentDate: date,
    ContentTime: time,
    SamplesPerPixel: 1,
    PhotometricInterpretation: 'MONOCHROME2',
    NumberOfFrames: frames,
    Rows: input.labelMap.dims[1],
    Columns: input.labelMap.dims[0],
    BitsAllocated: bits,
    BitsStored: bits,
    HighBit: bits - 1,
    PixelRepresentation: 0,
    LossyImageCompression: '00',
    SegmentationType: input.type,
    ...(input.type === 'FRACTIONAL'
      ? { SegmentationFractionalType: 'PROBABILITY', MaximumFractionalValue: 255 }
      : {}),
    SegmentsOverlap: 'NO',
    SegmentSequence: [...input.segments]
      .sort((a, b) => a.number - b.number)
      .map((s) => segmentItem(s, input)),
  };
}

/** Common Instance Reference: the source series and every instance the frames derive from. */
function referenceModule(input: WriteDicomSegInput, frames: readonly SegFrameRef[]): Dataset {
  const used = new Set(frames.map((f) => f.slice));
  const seen = new Set<string>();
  const instances = input.source.referencedInstances
    .filter((ref, k) => used.has(k) && !seen.has(ref.sopInstanceUid) && seen.add(ref.sopInstanceUid))
    .map((ref) => ({ ReferencedSOPClassUID: ref.sopClassUid, ReferencedSOPInstanceUID: ref.sopInstanceUid }));
  return {
    ReferencedSeriesSequence: [
      { SeriesInstanceUID: input.source.seriesInstanceUid, ReferencedInstanceSequence: instances },
    ],
  };
}

/**
 * The whole Segmentation IOD (PS3.3 A.51) but Pixel Data, in dcmjs's naturalized form: keywords to
 * values, sequences as arrays of items, decimal strings already formatted.
 */
export function segDataset(
  input: WriteDicomSegInput,
  frames: readonly SegFrameRef[],
  plane: SegPlaneGeometry,
  dimensionOrganizationUid: string,
): Dataset {
  return {
    ...seriesModules(input),
    ...sourceModules(input),
    ...imageModules(input, frames.length),
    ...referenceModule(input, frames),
    ...dimensionModule(dimensionOrganizationUid),
    SharedFunctionalGroupsSequence: sharedFunctionalGroups(plane, input.source.sliceThickness),
    PerFrameFunctionalGroupsSequence: perFrameFunctionalGroups(
      frames,
      plane,
      input.source.referencedInstances,
    ),
  };
}
