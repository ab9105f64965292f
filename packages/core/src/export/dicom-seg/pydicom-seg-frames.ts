/**
 * An independent reading of a written SEG for tests: pydicom parses the file and decodes the frames
 * (`pixel_array` unpacks 1-bit data itself). Prints JSON with the attributes the tests check and, per
 * frame, its segment, position, source instance and pixels (base64, one byte per pixel).
 * Run as `/usr/bin/python3 -c PYDICOM_SEG_FRAMES <file>`.
 */
export const PYDICOM_SEG_FRAMES = `
import base64, json, sys
import numpy as np, pydicom
ds = pydicom.dcmread(sys.argv[1])
arr = ds.pixel_array
if arr.ndim == 2: arr = arr[None]
shared = ds.SharedFunctionalGroupsSequence[0]
frames = []
for i, f in enumerate(ds.PerFrameFunctionalGroupsSequence):
    src = f.DerivationImageSequence[0].SourceImageSequence[0]
    frames.append({
        'segment': int(f.SegmentIdentificationSequence[0].ReferencedSegmentNumber),
        'position': [float(v) for v in f.PlanePositionSequence[0].ImagePositionPatient],
        'source': str(src.ReferencedSOPInstanceUID),
        'purpose': str(src.PurposeOfReferenceCodeSequence[0].CodeValue),
        'dimensionIndex': [int(v) for v in f.FrameContentSequence[0].DimensionIndexValues],
        'pixels': base64.b64encode(arr[i].astype(np.uint8).tobytes()).decode(),
    })
print(json.dumps({
    'transferSyntax': str(ds.file_meta.TransferSyntaxUID),
    'modality': ds.Modality,
    'sopClass': str(ds.SOPClassUID),
    'segmentationType': ds.SegmentationType,
    'numberOfFrames': int(ds.NumberOfFrames),
    'rows': int(ds.Rows), 'columns': int(ds.Columns),
    'patientId': str(ds.PatientID), 'studyId': str(ds.StudyID),
    'studyInstanceUid': str(ds.StudyInstanceUID),
    'frameOfReferenceUid': str(ds.FrameOfReferenceUID),
    'segments': [{'number': int(s.SegmentNumber), 'label': str(s.SegmentLabel),
                  'category': str(s.SegmentedPropertyCategoryCodeSequence[0].CodeMeaning),
                  'type': str(s.SegmentedPropertyTypeCodeSequence[0].CodeMeaning),
                  'lab': [int(v) for v in s.RecommendedDisplayCIELabValue]} for s in ds.SegmentSequence],
    'orientation': [float(v) for v in shared.PlaneOrientationSequence[0].ImageOrientationPatient],
    'pixelSpacing': [float(v) for v in shared.PixelMeasuresSequence[0].PixelSpacing],
    'referencedInstances': [str(r.ReferencedSOPInstanceUID) for r in ds.ReferencedSeriesSequence[0].ReferencedInstanceSequence],
    'frames': frames,
}))
`;

export interface PydicomSegFrames {
  readonly transferSyntax: string;
  readonly modality: string;
  readonly sopClass: string;
  readonly segmentationType: string;
  readonly numberOfFrames: number;
  readonly rows: number;
  readonly columns: number;
  readonly patientId: string;
  readonly studyId: string;
  readonly studyInstanceUid: string;
  readonly frameOfReferenceUid: string;
  readonly segments: { number: number; label: string; category: string; type: string; lab: number[] }[];
  readonly orientation: number[];
  readonly pixelSpacing: number[];
  readonly referencedInstances: string[];
  readonly frames: {
    segment: number;
    position: [number, number, number];
    source: string;
    purpose: string;
    dimensionIndex: number[];
    /** One value per pixel, row after row. */
    pixels: Uint8Array;
  }[];
}

export function parsePydicomSegFrames(json: string): PydicomSegFrames {
  const out = JSON.parse(json);
  for (const f of out.frames) f.pixels = Uint8Array.from(atob(f.pixels), (c) => c.charCodeAt(0));
  return out;
}
