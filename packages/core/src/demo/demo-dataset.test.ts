import { describe, expect, it } from 'vitest';
import { text } from '../dicom/attribute-values.js';
import { parseDicom } from '../dicom/parse-dicom.js';
import { PHANTOM_STRUCTURES } from './ct-phantom.js';
import { generateDemoDataset } from './demo-dataset.js';
import { DemoOptionsError } from './demo-options-error.js';

// Buffer.equals compares bytes natively; toEqual walks a typed array element by element (seconds here).
function sameBytes(a: ArrayBufferView, b: ArrayBufferView): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(
    Buffer.from(b.buffer, b.byteOffset, b.byteLength),
  );
}

describe('generateDemoDataset', () => {
  const first = generateDemoDataset({ seed: 7 });

  it('is deterministic: the same seed gives byte-identical files, another seed other files', () => {
    const again = generateDemoDataset({ seed: 7 });
    expect(again.files.map((f) => f.name)).toEqual(first.files.map((f) => f.name));
    const differing = again.files.filter((file, i) => !sameBytes(file.bytes, first.files[i]!.bytes));
    expect(differing.map((f) => f.name)).toEqual([]);
    expect(sameBytes(again.ct.labelMap.data, first.ct.labelMap.data)).toBe(true);
    const other = generateDemoDataset({ seed: 8 });
    expect(other.files.filter((file, i) => sameBytes(file.bytes, first.files[i]!.bytes))).toEqual([]);
  });

  it('generates in under a second (the faster of two runs, so a busy machine does not fail it)', () => {
    const times = [0, 1].map(() => {
      const start = performance.now();
      generateDemoDataset();
      return performance.now() - start;
    });
    expect(Math.min(...times)).toBeLessThan(1000);
  });

  it('writes 40 CT slices, a DX and a US file with synthetic identities and seed-derived 2.25 UIDs', () => {
    expect(first.files).toHaveLength(42);
    const parsed = first.files.map((f) => parseDicom(f.bytes, { file: f.name }).dataSet);
    const ids = new Set(parsed.map((ds) => text(ds, 'x00100020')));
    expect(ids).toEqual(new Set(['DEMO-001', 'DEMO-002', 'DEMO-003']));
    for (const ds of parsed) expect(text(ds, 'x00100010')).toMatch(/^Demo\^Patient0\d$/);
    const uids = parsed.flatMap((ds) => ['x00080018', 'x0020000d', 'x0020000e'].map((t) => text(ds, t)!));
    for (const uid of uids) expect(uid).toMatch(/^2\.25\.[1-9]\d{0,38}$/);
    // Every SOP Instance UID is unique; another seed gives other UIDs.
    expect(new Set(parsed.map((ds) => text(ds, 'x00080018'))).size).toBe(42);
    const other = parseDicom(generateDemoDataset({ seed: 8 }).files[0]!.bytes).dataSet;
    expect(text(other, 'x00080018')).not.toBe(text(parsed[0]!, 'x00080018'));
  });

  it('returns the CT label map on the CT grid, each structure present and labelled at its probe voxel', () => {
    const { labelMap, labels } = first.ct;
    expect(labelMap.dims).toEqual([128, 128, 40]);
    expect(labelMap.spacing).toEqual([1, 1, 2.5]);
    expect(labelMap.dataType).toBe('uint8');
    expect(labels.map((l) => l.name).sort()).toEqual(PHANTOM_STRUCTURES.map((s) => s.name).sort());
    const [nx, ny] = labelMap.dims;
    for (const label of labels) {
      const [i, j, k] = label.probeVoxel;
      expect(labelMap.data[i + nx * (j + ny * k)], label.name).toBe(label.id);
    }
    const counts = new Map<number, number>();
    for (const v of labelMap.data) counts.set(v, (counts.get(v) ?? 0) + 1);
    expect([...counts.keys()].sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
    // The lesion is a small nodule: a few hundred voxels (about 4/3·π·6.4·6.4·6.3 mm³ / 2.5 mm³).
    expect(counts.get(6)).toBeGreaterThan(200);
    expect(counts.get(6)).toBeLessThan(800);
  });

  it('scales the phantom to another CT size', () => {
    const small = generateDemoDataset({ ctSize: { columns: 64, rows: 48, slices: 10 } });
    expect(small.files.filter((f) => f.name.startsWith('ct/'))).toHaveLength(10);
    const { dims, data } = small.ct.labelMap;
    expect(dims).toEqual([64, 48, 10]);
    for (const label of small.ct.labels) {
      const [i, j, k] = label.probeVoxel;
      expect(data[i + dims[0] * (j + dims[1] * k)], label.name).toBe(label.id);
    }
  });

  it('refuses bad options with a typed error naming the field', () => {
    expect(() => generateDemoDataset({ seed: -1 })).toThrow(DemoOptionsError);
    expect(() => generateDemoDataset({ ctSize: { columns: 4, rows: 128, slices: 40 } })).toThrow(
      /ctSize\.columns/,
    );
    try {
      generateDemoDataset({ seed: 1.5 });
    } catch (error) {
      expect((error as DemoOptionsError).code).toBe('INVALID_OPTIONS');
    }
  });
});
