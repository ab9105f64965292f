/**
 * An independent reading of a SEG for tests: pydicom decodes the frames (`pixel_array`), numpy stacks
 * them. Slices are sorted by IPP · (row × column); the slice spacing is Spacing Between Slices, or the
 * smallest gap between positions, or Slice Thickness for one slice; frames are painted in ascending
 * segment number (higher wins); FRACTIONAL pixels count from MaximumFractionalValue / 2 up.
 * Run as `/usr/bin/python3 -c PYDICOM_SEG_VOLUME <file>`; it prints JSON for parsePydicomSegVolume.
 */
export const PYDICOM_SEG_VOLUME = `
import base64, json, sys
import numpy as np, pydicom
ds = pydicom.dcmread(sys.argv[1])
arr = ds.pixel_array
if arr.ndim == 2: arr = arr[None]
n, rows, cols = arr.shape
shared = ds.SharedFunctionalGroupsSequence[0]
frames = ds.PerFrameFunctionalGroupsSequence[:n]
def group(frame, name):
    return (getattr(frame, name, None) or getattr(shared, name))[0]
iop = np.array(group(frames[0], 'PlaneOrientationSequence').ImageOrientationPatient, float)
r, c = iop[:3], iop[3:]
normal = np.cross(r, c)
pos = np.array([group(f, 'PlanePositionSequence').ImagePositionPatient for f in frames], float)
along = pos @ normal
pm = group(frames[0], 'PixelMeasuresSequence')
distinct = np.unique(np.round(along, 2))
if 'SpacingBetweenSlices' in pm: dz = float(pm.SpacingBetweenSlices)
elif len(distinct) > 1: dz = float(np.min(np.diff(distinct)))
else: dz = float(pm.SliceThickness)
k = np.rint((along - along.min()) / dz).astype(int)
segs = np.array([group(f, 'SegmentIdentificationSequence').ReferencedSegmentNumber for f in frames])
if ds.SegmentationType == 'FRACTIONAL': on = arr >= ds.MaximumFractionalValue / 2
else: on = arr != 0
vol = np.zeros((k.max() + 1, rows, cols), np.uint16)
claims = {}
for f in np.argsort(segs, kind='stable'):
    vol[k[f]][on[f]] = segs[f]
    claims.setdefault(int(segs[f]), np.zeros(vol.shape, bool))[k[f]] |= on[f]
claimed = sum(m.astype(int) for m in claims.values())
ps = [float(v) for v in pm.PixelSpacing]
print(json.dumps({
  'dims': [cols, rows, int(vol.shape[0])],
  'spacing': [ps[1], ps[0], dz],
  'origin': pos[int(np.argmin(along))].tolist(),
  'direction': np.column_stack([r, c, normal]).flatten().tolist(),
  'voxelsPerSegment': {str(s): int((vol == s).sum()) for s in sorted(claims)},
  'pixelsPerFrame': [int(on[f].sum()) for f in range(n)],
  'overlappingVoxels': int((claimed >= 2).sum()),
  'segments': [{'number': int(s.SegmentNumber), 'label': str(s.SegmentLabel)} for s in ds.SegmentSequence],
  'labels': base64.b64encode(vol.astype('<u2').tobytes()).decode(),
}))
`;

export interface PydicomSegVolume {
  readonly dims: [number, number, number];
  readonly spacing: [number, number, number];
  readonly origin: [number, number, number];
  readonly direction: number[];
  readonly voxelsPerSegment: Record<string, number>;
  readonly pixelsPerFrame: number[];
  readonly overlappingVoxels: number;
  readonly segments: { number: number; label: string }[];
  /** The label map, x fastest. */
  readonly labels: Uint16Array;
}

/** The script's output, with the label map decoded. */
export function parsePydicomSegVolume(json: string): PydicomSegVolume {
  const out = JSON.parse(json);
  const bytes = Uint8Array.from(atob(out.labels), (c) => c.charCodeAt(0));
  return { ...out, labels: new Uint16Array(bytes.buffer) };
}
