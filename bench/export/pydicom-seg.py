"""The DICOM SEG peer: the same BINARY segmentation as core's writeDicomSeg, built with pydicom and numpy.

usage: /usr/bin/python3 pydicom-seg.py SERIES_FOLDER MASK.nii.gz LABELS.json OUT.dcm

highdicom is not in Debian, so this is what a Python user writes by hand: read every file's header with
pydicom (stop_before_pixels), sort the slices along the normal, load the mask with nibabel and turn it
into the series' voxel order, keep one frame per segment and slice holding it (segment, then slice, as
core does), pack the bits with numpy.packbits (little bit order, PS3.5 8.1.1), and write the
Segmentation IOD with the modules core writes: patient and study from the source, segments with their
codes and CIELab colours, shared and per-frame functional groups, the dimension module and the
referenced instances. Prints one JSON object: seconds of each step and peak resident memory.
"""

import datetime
import json
import os
import resource
import sys
import time

started = time.perf_counter()
import nibabel as nib  # noqa: E402
import numpy as np  # noqa: E402
import pydicom  # noqa: E402
from nibabel.orientations import apply_orientation, io_orientation, ornt_transform  # noqa: E402
from pydicom.dataset import Dataset, FileMetaDataset  # noqa: E402
from pydicom.sequence import Sequence  # noqa: E402
from pydicom.uid import ExplicitVRLittleEndian, generate_uid  # noqa: E402
from pydicom.valuerep import format_number_as_ds  # noqa: E402

imported = time.perf_counter()

SEGMENTATION_STORAGE = "1.2.840.10008.5.1.4.1.1.66.4"
TISSUE = ("85756007", "SCT", "Tissue")
SEGMENTATION_DERIVATION = ("113076", "DCM", "Segmentation")
SOURCE_IMAGE_PURPOSE = ("121322", "DCM", "Source image for image processing operation")


def code(concept):
    item = Dataset()
    item.CodeValue, item.CodingSchemeDesignator, item.CodeMeaning = concept
    return item


def ds(value):
    return format_number_as_ds(float(value))


def dicom_lab(colour):
    """'#rrggbb' as Recommended Display CIELab Value (sRGB, D65), as core's hexColourToDicomLab does."""
    rgb = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    xyz = (
        (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047,
        0.2126729 * r + 0.7151522 * g + 0.072175 * b,
        (0.0193339 * r + 0.119192 * g + 0.9503041 * b) / 1.08883,
    )
    d = 6 / 29
    fx, fy, fz = [t ** (1 / 3) if t > d**3 else t / (3 * d * d) + 4 / 29 for t in xyz]
    lab = (116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz))
    clamp = lambda v, lo, hi: min(hi, max(lo, v))  # noqa: E731
    return [
        round(clamp(lab[0], 0, 100) * 65535 / 100),
        round((clamp(lab[1], -128, 127) + 128) * 65535 / 255),
        round((clamp(lab[2], -128, 127) + 128) * 65535 / 255),
    ]


def read_series(folder):
    """Every file's header, sorted along the slice normal (lowest first, as core's loader orders them)."""
    headers = [
        pydicom.dcmread(os.path.join(folder, name), stop_before_pixels=True) for name in sorted(os.listdir(folder))
    ]
    orientation = np.array([float(v) for v in headers[0].ImageOrientationPatient])
    normal = np.cross(orientation[:3], orientation[3:])
    headers.sort(key=lambda h: float(np.dot(normal, [float(v) for v in h.ImagePositionPatient])))
    return headers, orientation, normal


def mask_in_series_order(mask_path, headers, orientation, normal):
    """The mask as [slice, row, column] of the series, whatever voxel order its NIfTI file has."""
    first = np.array([float(v) for v in headers[0].ImagePositionPatient])
    last = np.array([float(v) for v in headers[-1].ImagePositionPatient])
    row_spacing, column_spacing = (float(v) for v in headers[0].PixelSpacing)
    step = (last - first) / (len(headers) - 1)
    lps = np.eye(4)
    lps[:3, 0] = orientation[:3] * column_spacing
    lps[:3, 1] = orientation[3:] * row_spacing
    lps[:3, 2] = step
    lps[:3, 3] = first
    series_affine = np.diag([-1, -1, 1, 1]) @ lps  # NIfTI affines are RAS
    mask = nib.load(mask_path)
    transform = ornt_transform(io_orientation(mask.affine), io_orientation(series_affine))
    voxels = apply_orientation(np.asanyarray(mask.dataobj), transform)
    expected = (int(headers[0].Columns), int(headers[0].Rows), len(headers))
    if voxels.shape != expected:
        raise SystemExit(f"mask {voxels.shape} does not fit the series {expected}")
    return np.ascontiguousarray(voxels.transpose(2, 1, 0)), step, first


def segment_item(number, label):
    item = Dataset()
    item.SegmentNumber = number
    item.SegmentLabel = label["name"][:64]
    item.SegmentAlgorithmType = "MANUAL"
    item.SegmentedPropertyCategoryCodeSequence = Sequence([code(TISSUE)])
    item.SegmentedPropertyTypeCodeSequence = Sequence([code(TISSUE)])
    item.RecommendedDisplayCIELabValue = dicom_lab(label["colour"])
    return item


def frame_item(segment, slice_index, position, source):
    content = Dataset()
    content.DimensionIndexValues = [segment, slice_index + 1]
    plane = Dataset()
    plane.ImagePositionPatient = [ds(v) for v in position]
    source_image = Dataset()
    source_image.ReferencedSOPClassUID = source.SOPClassUID
    source_image.ReferencedSOPInstanceUID = source.SOPInstanceUID
    source_image.PurposeOfReferenceCodeSequence = Sequence([code(SOURCE_IMAGE_PURPOSE)])
    source_image.SpatialLocationsPreserved = "YES"
    derivation = Dataset()
    derivation.DerivationCodeSequence = Sequence([code(SEGMENTATION_DERIVATION)])
    derivation.SourceImageSequence = Sequence([source_image])
    identification = Dataset()
    identification.ReferencedSegmentNumber = segment
    item = Dataset()
    item.FrameContentSequence = Sequence([content])
    item.PlanePositionSequence = Sequence([plane])
    item.DerivationImageSequence = Sequence([derivation])
    item.SegmentIdentificationSequence = Sequence([identification])
    return item


def dimension_module(seg, uid):
    organization = Dataset()
    organization.DimensionOrganizationUID = uid
    seg.DimensionOrganizationSequence = Sequence([organization])
    seg.DimensionOrganizationType = "3D"
    indices = []
    for pointer, group, name in (
        (0x0062000B, 0x0062000A, "ReferencedSegmentNumber"),
        (0x00200032, 0x00209113, "ImagePositionPatient"),
    ):
        index = Dataset()
        index.DimensionOrganizationUID = uid
        index.DimensionIndexPointer = pointer
        index.FunctionalGroupPointer = group
        index.DimensionDescriptionLabel = name
        indices.append(index)
    seg.DimensionIndexSequence = Sequence(indices)


def frames_of(voxels, segments):
    """(segment, slice) of every frame, segment then slice, and their pixels packed 8 to a byte."""
    frames, pixels = [], []
    for number in segments:
        inside = voxels == number
        for k in np.flatnonzero(inside.any(axis=(1, 2))):
            frames.append((number, int(k)))
            pixels.append(inside[k])
    packed = np.packbits(np.stack(pixels).reshape(-1), bitorder="little")
    return frames, packed


def seg_dataset(headers, labels, frames, packed, orientation, step, first):
    source = headers[0]
    now = datetime.datetime.now(datetime.timezone.utc)
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = SEGMENTATION_STORAGE
    meta.MediaStorageSOPInstanceUID = generate_uid()
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    seg = Dataset()
    seg.file_meta = meta
    seg.is_little_endian, seg.is_implicit_VR = True, False
    seg.SpecificCharacterSet = "ISO_IR 192"
    seg.SOPClassUID = SEGMENTATION_STORAGE
    seg.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
    seg.Modality = "SEG"
    seg.SeriesInstanceUID = generate_uid()
    seg.SeriesNumber = 300
    seg.Manufacturer = "Voxelhub"
    seg.ManufacturerModelName = "pydicom peer"
    seg.DeviceSerialNumber = "1"
    seg.SoftwareVersions = pydicom.__version__
    seg.PatientName = ""
    seg.PatientID = source.get("PatientID", "")
    seg.PatientBirthDate = ""
    seg.PatientSex = ""
    seg.StudyInstanceUID = source.StudyInstanceUID
    seg.StudyDate = ""
    seg.StudyTime = ""
    seg.ReferringPhysicianName = ""
    seg.StudyID = ""
    seg.AccessionNumber = ""
    seg.FrameOfReferenceUID = source.FrameOfReferenceUID
    seg.PositionReferenceIndicator = ""
    seg.ImageType = ["DERIVED", "PRIMARY"]
    seg.InstanceNumber = 1
    seg.ContentLabel = "SEGMENTATION"
    seg.ContentDescription = ""
    seg.ContentCreatorName = ""
    seg.ContentDate = now.strftime("%Y%m%d")
    seg.ContentTime = now.strftime("%H%M%S.%f")[:10]
    seg.SamplesPerPixel = 1
    seg.PhotometricInterpretation = "MONOCHROME2"
    seg.NumberOfFrames = len(frames)
    seg.Rows, seg.Columns = int(source.Rows), int(source.Columns)
    seg.BitsAllocated, seg.BitsStored, seg.HighBit = 1, 1, 0
    seg.PixelRepresentation = 0
    seg.LossyImageCompression = "00"
    seg.SegmentationType = "BINARY"
    seg.SegmentsOverlap = "NO"
    seg.SegmentSequence = Sequence([segment_item(n, label) for n, label in enumerate(labels, 1)])
    used = sorted({k for _, k in frames})
    referenced = []
    for k in used:
        item = Dataset()
        item.ReferencedSOPClassUID = headers[k].SOPClassUID
        item.ReferencedSOPInstanceUID = headers[k].SOPInstanceUID
        referenced.append(item)
    series = Dataset()
    series.SeriesInstanceUID = source.SeriesInstanceUID
    series.ReferencedInstanceSequence = Sequence(referenced)
    seg.ReferencedSeriesSequence = Sequence([series])
    dimension_module(seg, generate_uid())
    measures = Dataset()
    measures.PixelSpacing = [ds(v) for v in source.PixelSpacing]
    spacing = float(np.linalg.norm(step))
    measures.SliceThickness = ds(source.get("SliceThickness", spacing))
    measures.SpacingBetweenSlices = ds(spacing)
    plane = Dataset()
    plane.ImageOrientationPatient = [ds(v) for v in orientation]
    shared = Dataset()
    shared.PlaneOrientationSequence = Sequence([plane])
    shared.PixelMeasuresSequence = Sequence([measures])
    seg.SharedFunctionalGroupsSequence = Sequence([shared])
    seg.PerFrameFunctionalGroupsSequence = Sequence(
        [frame_item(s, k, first + k * step, headers[k]) for s, k in frames]
    )
    seg.PixelData = packed.tobytes() + (b"\0" if len(packed) % 2 else b"")
    seg["PixelData"].VR = "OB"
    return seg


def main(series_folder, mask_path, labels_path, out):
    t0 = time.perf_counter()
    headers, orientation, normal = read_series(series_folder)
    scanned = time.perf_counter()
    voxels, step, first = mask_in_series_order(mask_path, headers, orientation, normal)
    with open(labels_path) as f:
        labels = sorted(json.load(f), key=lambda label: label["value"])
    mask_read = time.perf_counter()
    frames, packed = frames_of(voxels, [label["value"] for label in labels])
    seg = seg_dataset(headers, labels, frames, packed, orientation, step, first)
    encoded = time.perf_counter()
    seg.save_as(out, write_like_original=False)
    written = time.perf_counter()
    print(
        json.dumps(
            {
                "seconds": {
                    "import": imported - started,
                    "scanHeaders": scanned - t0,
                    "readMask": mask_read - scanned,
                    "encode": encoded - mask_read,
                    "write": written - encoded,
                },
                "frames": len(frames),
                "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / 1e6,
            }
        )
    )


if __name__ == "__main__":
    if len(sys.argv) != 5:
        raise SystemExit(__doc__)
    main(*sys.argv[1:])
