import { execFileSync } from 'node:child_process';

/**
 * Test support: an RT Structure Set on the dcmqi CT (3 slices, 512², 0.81 mm), written with pydicom as a
 * planning system writes one: ROI 'Box' on every slice, edges half a voxel off the centres of columns
 * 100–199 and rows 120–219 (10,000 voxels a slice); ROI 'Spot' on the middle slice, columns and rows
 * 300–309 (100 voxels); a 'Marker' point. Each contour references its image.
 */
const SCRIPT = `
import sys, pydicom
from pydicom.dataset import Dataset, FileDataset, FileMetaDataset
from pydicom.sequence import Sequence
from pydicom.uid import ExplicitVRLittleEndian
ct_files, out = sys.argv[1:-1], sys.argv[-1]
cts = [pydicom.dcmread(f) for f in ct_files]
meta = FileMetaDataset()
meta.MediaStorageSOPClassUID = '1.2.840.10008.5.1.4.1.1.481.3'
meta.MediaStorageSOPInstanceUID = '2.25.11122233344455566677788899'
meta.TransferSyntaxUID = ExplicitVRLittleEndian
ds = FileDataset(out, {}, file_meta=meta, preamble=b'\\0' * 128)
first = cts[0]
ds.SOPClassUID = meta.MediaStorageSOPClassUID
ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
ds.Modality = 'RTSTRUCT'
ds.PatientID = first.PatientID
ds.PatientName = first.PatientName
ds.StudyInstanceUID = first.StudyInstanceUID
ds.SeriesInstanceUID = '2.25.11122233344455566677788800'
ds.StructureSetLabel = 'TEST'
ds.StructureSetDate = '20261128'
ds.StructureSetTime = '120000'
def image_ref(ct):
    r = Dataset(); r.ReferencedSOPClassUID = ct.SOPClassUID; r.ReferencedSOPInstanceUID = ct.SOPInstanceUID
    return r
series = Dataset(); series.SeriesInstanceUID = first.SeriesInstanceUID
series.ContourImageSequence = Sequence([image_ref(ct) for ct in cts])
study = Dataset(); study.ReferencedSOPClassUID = '1.2.840.10008.3.1.2.3.1'
study.ReferencedSOPInstanceUID = first.StudyInstanceUID
study.RTReferencedSeriesSequence = Sequence([series])
frame = Dataset(); frame.FrameOfReferenceUID = first.FrameOfReferenceUID
frame.RTReferencedStudySequence = Sequence([study])
ds.ReferencedFrameOfReferenceSequence = Sequence([frame])
def patient(ct, i, j):
    x0, y0, z0 = [float(v) for v in ct.ImagePositionPatient]
    row_spacing, col_spacing = [float(v) for v in ct.PixelSpacing]
    return [round(x0 + i * col_spacing, 5), round(y0 + j * row_spacing, 5), round(z0, 5)]
def contour(ct, points, kind='CLOSED_PLANAR'):
    c = Dataset(); c.ContourGeometricType = kind; c.NumberOfContourPoints = len(points)
    c.ContourImageSequence = Sequence([image_ref(ct)])
    c.ContourData = [v for (i, j) in points for v in patient(ct, i, j)]
    return c
middle = sorted(cts, key=lambda ct: float(ct.ImagePositionPatient[2]))[1]
rois = [
    ('Box', [255, 0, 0], [contour(ct, [(99.5, 119.5), (199.5, 119.5), (199.5, 219.5), (99.5, 219.5)]) for ct in cts]),
    ('Spot', [0, 0, 255], [contour(middle, [(299.5, 299.5), (309.5, 299.5), (309.5, 309.5), (299.5, 309.5)])]),
    ('Marker', [255, 255, 0], [contour(middle, [(256, 256)], 'POINT')]),
]
ds.StructureSetROISequence = Sequence()
ds.ROIContourSequence = Sequence()
ds.RTROIObservationsSequence = Sequence()
for n, (name, colour, contours) in enumerate(rois, start=1):
    roi = Dataset(); roi.ROINumber = n; roi.ReferencedFrameOfReferenceUID = first.FrameOfReferenceUID
    roi.ROIName = name; roi.ROIGenerationAlgorithm = 'MANUAL'
    ds.StructureSetROISequence.append(roi)
    rc = Dataset(); rc.ReferencedROINumber = n; rc.ROIDisplayColor = colour
    rc.ContourSequence = Sequence(contours)
    ds.ROIContourSequence.append(rc)
    ob = Dataset(); ob.ObservationNumber = n; ob.ReferencedROINumber = n
    ob.RTROIInterpretedType = 'MARKER' if name == 'Marker' else 'ORGAN'; ob.ROIInterpreter = ''
    ds.RTROIObservationsSequence.append(ob)
ds.is_little_endian = True
ds.is_implicit_VR = False
ds.save_as(out, write_like_original=False)
`;

/** Writes the structure set on the CT files to `out`. */
export function writeTestRtstruct(ctFiles: readonly string[], out: string): void {
  execFileSync('/usr/bin/python3', ['-c', SCRIPT, ...ctFiles, out], { stdio: 'pipe' });
}
