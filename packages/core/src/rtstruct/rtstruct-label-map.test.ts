import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assembleSeries } from '../dicom/series/assemble-series.js';
import type { SeriesPlan } from '../dicom/series/series-plan.js';
import { readDicomHeaderSync } from '../node/read-dicom-header.js';
import { testdataPath } from '../test-support/shared-data.js';
import { readRtstruct } from './read-rtstruct.js';
import type { RtStructureSet } from './rt-structure-set.js';
import { type RtstructLabelMapOptions, rtstructLabelMap } from './rtstruct-label-map.js';
import { type TestRoi, writeTestRtstruct } from './test-rtstruct.js';

/** The CT series dcmqi's tests segment: 512 × 512 × 3, GE. */
const CT = 'dcmqi/segmentations/ct-3slice';

function regular(cx: number, cy: number, r: number, n: number, turn = 0): [number, number][] {
  return Array.from({ length: n }, (_, p) => {
    const a = turn + (2 * Math.PI * p) / n;
    return [cx + r * Math.cos(a), cy + r * Math.sin(a)];
  });
}

function star(cx: number, cy: number, outer: number, inner: number, n: number): [number, number][] {
  return Array.from({ length: 2 * n }, (_, p) => {
    const a = (Math.PI * p) / n;
    const r = p % 2 === 0 ? outer : inner;
    return [cx + r * Math.cos(a), cy + r * Math.sin(a)];
  });
}

/** Shapes with edges at fractional positions, a hole, a star overlapping the box, and a marker point. */
const ROIS: TestRoi[] = [
  {
    name: 'box',
    colour: [255, 0, 0],
    contours: [0, 1, 2].map((slice) => ({
      slice,
      points: [
        [100.3, 120.7],
        [300.5, 120.7],
        [300.5, 260.2],
        [100.3, 260.2],
      ],
    })),
  },
  {
    name: 'ring',
    colour: [0, 255, 0],
    contours: [
      { slice: 1, points: regular(380.4, 380.6, 60.3, 40) },
      { slice: 1, points: regular(380.4, 380.6, 25.1, 17, 0.3) },
    ],
  },
  { name: 'star', colour: [0, 0, 255], contours: [{ slice: 2, points: star(280.2, 250.9, 70.5, 30.25, 7) }] },
  {
    name: 'hole',
    colour: [0, 128, 0],
    contours: [{ slice: 1, points: regular(380.4, 380.6, 25.1, 17, 0.3) }],
  },
  {
    name: 'ring-xor',
    colour: [0, 255, 128],
    contours: [
      { slice: 1, type: 'CLOSEDPLANAR_XOR', points: regular(380.4, 380.6, 60.3, 40) },
      { slice: 1, type: 'CLOSEDPLANAR_XOR', points: regular(380.4, 380.6, 25.1, 17, 0.3) },
    ],
  },
  { name: 'marker', colour: [255, 255, 0], contours: [{ slice: 0, type: 'POINT', points: [[256, 256]] }] },
];

/**
 * plastimatch's rasterisation of the same structure set on the same CT, one NIfTI per ROI; each voxel
 * it sets is mapped back to our grid's (i, j, k) through patient space, so neither tool's axis order
 * or NIfTI orientation is taken on trust.
 */
function plastimatchVoxels(work: string, ctDir: string, plan: SeriesPlan, names: string[]) {
  execFileSync(
    'plastimatch',
    [
      'convert',
      '--input',
      join(work, 'rtstruct.dcm'),
      '--referenced-ct',
      ctDir,
      '--output-prefix',
      join(work, 'plm'),
      '--prefix-format',
      'nii',
    ],
    { stdio: 'pipe' },
  );
  const script = `
import json, sys
import numpy as np, nibabel as nib
work, names, lps = sys.argv[1], json.loads(sys.argv[2]), np.array(json.loads(sys.argv[3])).reshape(4, 4)
to_index = np.linalg.inv(lps)
out = {}
for name in names:
    img = nib.load(f'{work}/plm/{name}.nii')
    ijk = np.argwhere(np.asarray(img.dataobj) > 0)
    ras = nib.affines.apply_affine(img.affine, ijk)
    ours = nib.affines.apply_affine(to_index, ras * [-1, -1, 1])
    out[name] = np.rint(ours).astype(int).tolist()
print(json.dumps(out))
`;
  const g = plan.geometry;
  const d = g.direction;
  const lps = [
    [d[0]! * g.spacing[0], d[1]! * g.spacing[1], d[2]! * g.spacing[2], g.origin[0]],
    [d[3]! * g.spacing[0], d[4]! * g.spacing[1], d[5]! * g.spacing[2], g.origin[1]],
    [d[6]! * g.spacing[0], d[7]! * g.spacing[1], d[8]! * g.spacing[2], g.origin[2]],
    [0, 0, 0, 1],
  ].flat();
  const json = execFileSync(
    '/usr/bin/python3',
    ['-c', script, work, JSON.stringify(names), JSON.stringify(lps)],
    { encoding: 'utf8', maxBuffer: 1 << 28 },
  );
  return JSON.parse(json) as Record<string, [number, number, number][]>;
}

describe('rtstructLabelMap', () => {
  let work: string;
  let plan: SeriesPlan;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'voxelhub-rtstruct-'));
    const files = ['01.dcm', '02.dcm', '03.dcm'].map((f) => testdataPath(CT, f));
    plan = assembleSeries(files.map((f) => readDicomHeaderSync(f)))[0]!;
    writeFileSync(join(work, 'rtstruct.dcm'), writeTestRtstruct(plan, ROIS));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  const voxelsOf = (labelMap: ArrayLike<number>) => {
    const set = new Set<number>();
    for (let v = 0; v < labelMap.length; v++) if (labelMap[v]) set.add(v);
    return set;
  };
  const alone = (structure: RtStructureSet, name: string, options?: RtstructLabelMapOptions) =>
    voxelsOf(
      rtstructLabelMap(
        { ...structure, rois: structure.rois.filter((r) => r.name === name) },
        plan.geometry,
        options,
      ).labelMap,
    );

  it('fills each ROI where plastimatch does, voxel for voxel; nested CLOSED_PLANAR contours are a union', () => {
    const structure = readRtstruct(new Uint8Array(readFileSync(join(work, 'rtstruct.dcm'))), {
      name: 'rtstruct.dcm',
    });
    const ours = rtstructLabelMap(structure, plan.geometry);
    expect(ours.classes.map((c) => c.name)).toEqual(['box', 'ring', 'star', 'hole', 'ring-xor']);
    expect(ours.skipped).toEqual([
      { roi: 'marker', reason: 'it has no closed contour (points or lines only)' },
    ]);
    // The star overlaps the box on slice 2; the hole and both rings overlap on slice 1.
    expect(ours.overlappingVoxels).toBeGreaterThan(0);
    const names = ['box', 'ring', 'star', 'hole'];
    const reference = plastimatchVoxels(work, testdataPath(CT), plan, names);
    const [nx, ny] = plan.geometry.dims;
    for (const name of names) {
      const theirs = new Set(reference[name]!.map(([i, j, k]) => i + nx * (j + ny * k)));
      const mine = alone(structure, name);
      const both = [...mine].filter((v) => theirs.has(v)).length;
      expect({ name, ours: mine.size, both }).toEqual({ name, ours: theirs.size, both: theirs.size });
    }
  });

  it('cuts holes with CLOSEDPLANAR_XOR, and with nested CLOSED_PLANAR contours when asked', () => {
    const structure = readRtstruct(new Uint8Array(readFileSync(join(work, 'rtstruct.dcm'))), {
      name: 'rtstruct.dcm',
    });
    const disc = alone(structure, 'ring');
    const hole = alone(structure, 'hole');
    const expected = [...disc].filter((v) => !hole.has(v)).sort((a, b) => a - b);
    expect(expected.length).toBeGreaterThan(5000);
    expect([...alone(structure, 'ring-xor')].sort((a, b) => a - b)).toEqual(expected);
    expect([...alone(structure, 'ring', { closedPlanar: 'xor' })].sort((a, b) => a - b)).toEqual(expected);
  });
});
