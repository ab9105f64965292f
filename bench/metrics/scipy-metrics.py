"""Mask metrics the MONAI way with numpy/scipy/nibabel: the benchmark's peer and correctness check.

usage: /usr/bin/python3 scipy-metrics.py REF.nii.gz TEST.nii.gz [--crop]

Prints one JSON object: the metrics (MONAI/medpy voxel-boundary convention, as
../shared/reference/metrics/README.md states it), the time spent loading and computing, and the
peak resident memory. Without --crop the distance transforms run on the whole image, as the
issue's reference does (and MONAI before 1.0); with --crop both masks are first cut to the box
holding their foreground plus one voxel, as MONAI's get_mask_edges(crop=True) does since 1.0.
"""

import json
import resource
import sys
import time

started = time.perf_counter()
import nibabel as nib  # noqa: E402
import numpy as np  # noqa: E402
from scipy import ndimage  # noqa: E402

imported = time.perf_counter()


def load(path):
    image = nib.load(path)
    return np.asanyarray(image.dataobj) != 0, tuple(float(z) for z in image.header.get_zooms()[:3])


def crop_to_union(ref, test):
    """Both masks cut to the box of their union, with one voxel of background kept around it."""
    union = ref | test
    if not union.any():
        return ref, test
    box = []
    for axis in range(3):
        others = tuple(a for a in range(3) if a != axis)
        where = np.flatnonzero(union.any(axis=others))
        box.append(slice(max(where[0] - 1, 0), where[-1] + 2))
    return ref[tuple(box)], test[tuple(box)]


def surface(mask):
    """Foreground voxels with a background 6-neighbour; outside the image is background."""
    cross = ndimage.generate_binary_structure(3, 1)
    return mask & ~ndimage.binary_erosion(mask, structure=cross, border_value=0)


def directed(from_surface, to_surface, spacing):
    """For each voxel of from_surface, the distance in mm to the nearest voxel of to_surface."""
    return ndimage.distance_transform_edt(~to_surface, sampling=spacing)[from_surface]


def main(argv):
    ref_path, test_path = argv[1], argv[2]
    crop = "--crop" in argv[3:]
    ref, spacing = load(ref_path)
    test, _ = load(test_path)
    loaded = time.perf_counter()
    if crop:
        ref, test = crop_to_union(ref, test)
    voxels_ref = int(ref.sum())
    voxels_test = int(test.sum())
    intersection = int((ref & test).sum())
    result = {
        "voxels_ref": voxels_ref,
        "voxels_test": voxels_test,
        "voxels_intersection": intersection,
        "dice": 2 * intersection / (voxels_ref + voxels_test),
        "iou": intersection / (voxels_ref + voxels_test - intersection),
    }
    ref_surface = surface(ref)
    test_surface = surface(test)
    d_rt = directed(ref_surface, test_surface, spacing)
    d_tr = directed(test_surface, ref_surface, spacing)
    result.update(
        {
            "surface_voxels_ref": int(ref_surface.sum()),
            "surface_voxels_test": int(test_surface.sum()),
            "hd": float(max(d_rt.max(), d_tr.max())),
            "hd95": float(max(np.percentile(d_rt, 95), np.percentile(d_tr, 95))),
            "assd": float(np.concatenate([d_rt, d_tr]).mean()),
            "nsd_1mm": float(((d_rt <= 1).sum() + (d_tr <= 1).sum()) / (d_rt.size + d_tr.size)),
            "ref_to_test": {"max": float(d_rt.max()), "p95": float(np.percentile(d_rt, 95)), "mean": float(d_rt.mean())},
            "test_to_ref": {"max": float(d_tr.max()), "p95": float(np.percentile(d_tr, 95)), "mean": float(d_tr.mean())},
        }
    )
    done = time.perf_counter()
    result["seconds"] = {"import": imported - started, "load": loaded - imported, "compute": done - loaded}
    # ru_maxrss is in KiB on Linux.
    result["max_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / 1e6
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv)
