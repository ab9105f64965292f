/** Edits of a real SEG that the reader's tests need, each made by pydicom (see SEG_VARIANT_SCRIPT). */
export type SegVariant =
  | 'fractional'
  | 'no-per-frame-groups'
  | 'no-plane-position'
  | 'tilted-frame'
  | 'uneven-spacing'
  | 'position-noise'
  | 'reversed-frames'
  | 'missing-middle-frame'
  | 'bits-16'
  | 'unknown-segment';

/**
 * Each variant changes one thing the reader must handle or refuse, with pydicom, so that the test
 * files are real SEGs with one known edit rather than hand-built bytes. Frames are assumed 1-bit.
 */
export const SEG_VARIANT_SCRIPT = `
import copy, sys
import numpy as np, pydicom
from pydicom.dataset import Dataset
from pydicom.sequence import Sequence

src, dst, variant = sys.argv[1:4]
ds = pydicom.dcmread(src)
frames = ds.PerFrameFunctionalGroupsSequence
shared = ds.SharedFunctionalGroupsSequence[0]

def even(data):
    return data + b'\\0' if len(data) % 2 else data

def position(i):
    return frames[i].PlanePositionSequence[0]

if variant == 'fractional':
    # 1-bit frames as 8-bit fractions: set pixels get 128..255, others 0..127, with the 127/128
    # boundary present in both; MaximumFractionalValue 255, so the 0.5 threshold falls at 127.5.
    on = ds.pixel_array.reshape(-1, ds.Rows, ds.Columns) != 0
    rng = np.random.default_rng(7)
    values = np.where(on, rng.integers(128, 256, on.shape), rng.integers(0, 128, on.shape)).astype(np.uint8)
    values.flat[np.flatnonzero(on)[:5]] = 128
    values.flat[np.flatnonzero(~on)[:5]] = 127
    ds.SegmentationType = 'FRACTIONAL'
    ds.SegmentationFractionalType = 'PROBABILITY'
    ds.MaximumFractionalValue = 255
    ds.BitsAllocated = 8
    ds.BitsStored = 8
    ds.HighBit = 7
    ds.PixelData = values.tobytes()
    ds['PixelData'].VR = 'OB'
elif variant == 'no-per-frame-groups':
    del ds.PerFrameFunctionalGroupsSequence
elif variant == 'no-plane-position':
    del frames[1].PlanePositionSequence
elif variant == 'tilted-frame':
    item = Dataset()
    item.ImageOrientationPatient = [1, 0, 0, 0, 0.8, 0.6]
    frames[1].PlaneOrientationSequence = Sequence([item])
elif variant == 'uneven-spacing':
    p = position(2).ImagePositionPatient
    position(2).ImagePositionPatient = [p[0], p[1], float(p[2]) + 1.0]
elif variant == 'position-noise':
    # 0.001 mm along the normal and in the plane: well within the tolerances.
    p = position(1).ImagePositionPatient
    position(1).ImagePositionPatient = [float(p[0]) + 0.001, p[1], float(p[2]) - 0.001]
elif variant == 'reversed-frames':
    # The same frames stored last slice first: the grid must come out the same.
    n = len(frames)
    per = ds.pixel_array.reshape(n, ds.Rows, ds.Columns)[::-1]
    ds.PerFrameFunctionalGroupsSequence = Sequence([copy.deepcopy(f) for f in list(frames)[::-1]])
    ds.PixelData = even(np.packbits(per.flatten(), bitorder='little').tobytes())
elif variant == 'missing-middle-frame':
    # Frame 2 of 3 left out, as writers do for empty frames: slice 2 must come back as background.
    n = len(frames)
    per = ds.pixel_array.reshape(n, ds.Rows, ds.Columns)
    keep = [i for i in range(n) if i != 1]
    ds.PerFrameFunctionalGroupsSequence = Sequence([frames[i] for i in keep])
    ds.NumberOfFrames = len(keep)
    ds.PixelData = even(np.packbits(per[keep].flatten(), bitorder='little').tobytes())
elif variant == 'bits-16':
    ds.BitsAllocated = 16
    ds.BitsStored = 16
    ds.HighBit = 15
    ds.PixelData = np.zeros(len(frames) * ds.Rows * ds.Columns, '<u2').tobytes()
    ds['PixelData'].VR = 'OW'
elif variant == 'unknown-segment':
    frames[0].SegmentIdentificationSequence[0].ReferencedSegmentNumber = 9
else:
    raise SystemExit(f'unknown variant {variant}')
ds.save_as(dst, write_like_original=True)
`;
