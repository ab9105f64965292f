"""Checks that our exports and the peers' hold the same thing, with nibabel and pydicom.

usage: /usr/bin/python3 check-exports.py OURS_IMAGE PEER_IMAGE OURS_LABEL PEER_LABEL OURS_JSON PEER_JSON OURS_SEG PEER_SEG

Images and label maps are compared voxel by voxel in patient space: both turned to the closest canonical
(RAS) orientation, the stored values scaled by each file's scl_slope/scl_inter in integers, and the
affines compared. The SEGs are compared by pydicom: frames, segments, referenced instances, each frame's
segment and position, and the packed pixels byte for byte. Prints one JSON object.
"""

import json
import sys

import nibabel as nib
import numpy as np
import pydicom
from nibabel.orientations import apply_orientation, inv_ornt_aff, io_orientation


def canonical_values(path):
    """Voxel values (scaled, as int64) in RAS order, and the canonical affine."""
    image = nib.load(path)
    raw = np.asanyarray(image.dataobj.get_unscaled()).astype(np.int64)
    # nibabel moves scl_slope/scl_inter onto the array proxy when it loads the header.
    slope, inter = float(image.dataobj.slope), float(image.dataobj.inter)
    if slope != int(slope) or inter != int(inter):
        raise SystemExit(f"{path}: non-integer scaling {slope}, {inter}")
    to_ras = io_orientation(image.affine)
    values = apply_orientation(raw * int(slope) + int(inter), to_ras)
    return values, image.affine @ inv_ornt_aff(to_ras, raw.shape)


def compare_volumes(ours_path, peer_path):
    ours, ours_affine = canonical_values(ours_path)
    peer, peer_affine = canonical_values(peer_path)
    result = {
        "shape": [list(ours.shape), list(peer.shape)],
        "affine_max_difference_mm": float(np.abs(ours_affine - peer_affine).max()),
    }
    if ours.shape == peer.shape:
        differ = ours != peer
        result["voxels_differing"] = int(differ.sum())
        result["max_abs_difference"] = int(np.abs(ours - peer).max())
        result["range"] = [int(ours.min()), int(ours.max())]
    return result


def dataset_labels(path):
    with open(path) as f:
        return json.load(f)["labels"]


def seg_summary(path):
    ds = pydicom.dcmread(path)
    frames = [
        (
            int(f.SegmentIdentificationSequence[0].ReferencedSegmentNumber),
            tuple(round(float(v), 3) for v in f.PlanePositionSequence[0].ImagePositionPatient),
            str(f.DerivationImageSequence[0].SourceImageSequence[0].ReferencedSOPInstanceUID),
        )
        for f in ds.PerFrameFunctionalGroupsSequence
    ]
    return ds, frames


def compare_segs(ours_path, peer_path):
    ours, ours_frames = seg_summary(ours_path)
    peer, peer_frames = seg_summary(peer_path)
    bits = int(ours.NumberOfFrames) * int(ours.Rows) * int(ours.Columns)
    whole = bits // 8
    return {
        "frames": [int(ours.NumberOfFrames), int(peer.NumberOfFrames)],
        "segments": [len(ours.SegmentSequence), len(peer.SegmentSequence)],
        "segment_labels_equal": [s.SegmentLabel for s in ours.SegmentSequence]
        == [s.SegmentLabel for s in peer.SegmentSequence],
        "referenced_instances": [
            len(ours.ReferencedSeriesSequence[0].ReferencedInstanceSequence),
            len(peer.ReferencedSeriesSequence[0].ReferencedInstanceSequence),
        ],
        "frame_refs_equal": ours_frames == peer_frames,
        "pixel_data_equal": ours.PixelData[:whole] == peer.PixelData[:whole]
        and (bits % 8 == 0 or (ours.PixelData[whole] ^ peer.PixelData[whole]) & ((1 << (bits % 8)) - 1) == 0),
        "set_voxels": int(np.unpackbits(np.frombuffer(ours.PixelData, np.uint8)).sum()),
    }


def main(ours_image, peer_image, ours_label, peer_label, ours_json, peer_json, ours_seg, peer_seg):
    print(
        json.dumps(
            {
                "image": compare_volumes(ours_image, peer_image),
                "label": compare_volumes(ours_label, peer_label),
                "dataset_json_labels_equal": dataset_labels(ours_json) == dataset_labels(peer_json),
                "seg": compare_segs(ours_seg, peer_seg),
            }
        )
    )


if __name__ == "__main__":
    if len(sys.argv) != 9:
        raise SystemExit(__doc__)
    main(*sys.argv[1:])
