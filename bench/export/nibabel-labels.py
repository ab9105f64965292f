"""The nnU-Net peer's second half: the label map and dataset.json with nibabel, next to dcm2niix's image.

usage: /usr/bin/python3 nibabel-labels.py MASK.nii.gz LABELS.json IMAGE.nii.gz OUT_FOLDER CASE

What a Python user does after `dcm2niix -z y`: load the mask, turn it into the image's voxel order
(dcm2niix chooses its own row and slice order), and save it as labelsTr/CASE.nii.gz with the image's
affine, uint8, with nibabel's defaults; then write dataset.json. Prints one JSON object: seconds of each
step and peak resident memory.
"""

import json
import os
import resource
import sys
import time

started = time.perf_counter()
import nibabel as nib  # noqa: E402
import numpy as np  # noqa: E402
from nibabel.orientations import apply_orientation, io_orientation, ornt_transform  # noqa: E402

imported = time.perf_counter()


def main(mask_path, labels_path, image_path, out, case):
    image = nib.load(image_path)  # header only: nibabel reads voxels lazily
    mask = nib.load(mask_path)
    voxels = np.asanyarray(mask.dataobj)
    loaded = time.perf_counter()
    to_image = ornt_transform(io_orientation(mask.affine), io_orientation(image.affine))
    voxels = apply_orientation(voxels, to_image).astype(np.uint8)
    if voxels.shape != image.shape[:3]:
        raise SystemExit(f"mask {voxels.shape} does not fit image {image.shape}")
    label = nib.Nifti1Image(voxels, image.affine)
    label.set_qform(image.affine, code=1)
    label.set_sform(image.affine, code=1)
    os.makedirs(os.path.join(out, "labelsTr"), exist_ok=True)
    nib.save(label, os.path.join(out, "labelsTr", f"{case}.nii.gz"))
    with open(labels_path) as f:
        classes = json.load(f)
    dataset = {
        "name": os.path.basename(out),
        "channel_names": {"0": "CT"},
        "labels": {"background": 0, **{c["name"]: c["value"] for c in classes}},
        "numTraining": 1,
        "file_ending": ".nii.gz",
    }
    with open(os.path.join(out, "dataset.json"), "w") as f:
        json.dump(dataset, f, indent=2)
    done = time.perf_counter()
    print(
        json.dumps(
            {
                "seconds": {"import": imported - started, "load": loaded - imported, "write": done - loaded},
                "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / 1e6,
            }
        )
    )


if __name__ == "__main__":
    if len(sys.argv) != 6:
        raise SystemExit(__doc__)
    main(*sys.argv[1:])
