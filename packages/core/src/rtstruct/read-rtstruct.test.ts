import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ImageReadError } from '../errors/image-read-error.js';
import { readTestdata, testdataPath } from '../test-support/shared-data.js';
import { readRtstruct } from './read-rtstruct.js';

const FILE = 'pydicom/rtstruct.dcm';

/** pydicom's reading of the same file: ROI names, colours, contour types and points. */
function pydicomRois(path: string) {
  const script = `
import json, sys, pydicom
d = pydicom.dcmread(sys.argv[1], force=True)
contours = {c.ReferencedROINumber: c for c in d.ROIContourSequence}
out = []
for r in d.StructureSetROISequence:
    c = contours.get(r.ROINumber)
    out.append({
        'number': int(r.ROINumber), 'name': r.ROIName,
        'colour': [int(v) for v in c.ROIDisplayColor] if c is not None and 'ROIDisplayColor' in c else None,
        'contours': [{'type': s.ContourGeometricType, 'points': [float(v) for v in s.ContourData]}
                     for s in (c.ContourSequence if c is not None else [])],
    })
print(json.dumps(out))
`;
  return JSON.parse(execFileSync('/usr/bin/python3', ['-c', script, path], { encoding: 'utf8' })) as {
    number: number;
    name: string;
    colour: number[] | null;
    contours: { type: string; points: number[] }[];
  }[];
}

describe('readRtstruct', () => {
  it('reads every ROI, colour, contour type and point as pydicom does', () => {
    const read = readRtstruct(readTestdata(FILE), { name: FILE });
    const reference = pydicomRois(testdataPath(FILE));
    expect(read.rois.map((r) => r.name)).toEqual(['patient', 'Isocenter 1', 'Isocenter 2']);
    expect(read.rois).toHaveLength(reference.length);
    read.rois.forEach((roi, i) => {
      const ref = reference[i]!;
      expect(roi.number).toBe(ref.number);
      expect(roi.name).toBe(ref.name);
      expect(roi.colour ?? null).toEqual(ref.colour);
      expect(roi.contours.map((c) => c.geometricType)).toEqual(ref.contours.map((c) => c.type));
      roi.contours.forEach((c, j) => expect([...c.points]).toEqual(ref.contours[j]!.points));
    });
    expect(read.frameOfReferenceUid).toBe('1.2.826.0.1.3680043.8.498.2010020400001.2');
    expect(read.warnings).toEqual([]);
  });

  it('refuses a file that is not an RT Structure Set, naming it', () => {
    const ct = 'dcmqi/segmentations/ct-3slice/01.dcm';
    let error: unknown;
    try {
      readRtstruct(readTestdata(ct), { name: ct });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ImageReadError);
    expect((error as Error).message).toMatch(/ct-3slice\/01\.dcm.*not an RT Structure Set/);
  });
});
