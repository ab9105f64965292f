import { describe, expect, it } from 'vitest';
import { parseImageGeometry } from './item-geometry.js';

describe('parseImageGeometry', () => {
  it('reads a volume grid as the import records NIfTI, PNG and JPEG', () => {
    const g = parseImageGeometry({
      dims: [4, 5, 6],
      spacing: [0.5, 0.6, 2],
      origin: [1, 2, 3],
      direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
    });
    expect(g).toMatchObject({ dims: [4, 5, 6], spacing: [0.5, 0.6, 2], origin: [1, 2, 3], calibrated: true });
  });

  it('reads a DICOM instance: x steps by the column spacing, the normal completes the frame', () => {
    // Pixel Spacing [0.7 between rows, 0.4 between columns]; a coronal plane: rows along L (x), columns
    // along −S (z down), so the normal row × column is (1,0,0) × (0,0,−1) = (0, 1, 0).
    const g = parseImageGeometry({
      columns: 64,
      rows: 32,
      frames: 3,
      pixelSpacing: [0.7, 0.4],
      position: [-10, 5, 20],
      orientation: [
        [1, 0, 0],
        [0, 0, -1],
      ],
      sliceThickness: 2.5,
    })!;
    expect(g.dims).toEqual([64, 32, 3]);
    expect(g.spacing).toEqual([0.4, 0.7, 2.5]);
    expect(g.origin).toEqual([-10, 5, 20]);
    // Column i of the row-major matrix is index axis i: (1,0,0), (0,0,−1), (0,1,0).
    expect([...g.direction].map((v) => v + 0)).toEqual([1, 0, 0, 0, 0, 1, 0, -1, 0]);
  });

  it('says a picture without spacing is uncalibrated, and refuses what it cannot read', () => {
    expect(parseImageGeometry({ columns: 8, rows: 8, frames: null })).toMatchObject({
      dims: [8, 8, 1],
      spacing: [1, 1, 1],
      calibrated: false,
    });
    expect(parseImageGeometry({})).toBeUndefined();
  });
});
