import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BENCHMARK_CT, slicePosition, writeSyntheticCtSeries } from './synthetic-ct.js';

const PYTHON = '/usr/bin/python3';

/** pydicom (Debian's python3-pydicom) reads each file and prints what the benchmark relies on. */
const READ_WITH_PYDICOM = `
import json, sys, pydicom
out = []
for f in sys.argv[1:]:
    d = pydicom.dcmread(f)
    a = d.pixel_array
    out.append({
        'ts': str(d.file_meta.TransferSyntaxUID), 'sopClass': str(d.SOPClassUID), 'modality': d.Modality,
        'sop': str(d.SOPInstanceUID), 'metaSop': str(d.file_meta.MediaStorageSOPInstanceUID),
        'study': str(d.StudyInstanceUID), 'series': str(d.SeriesInstanceUID),
        'ipp': [float(v) for v in d.ImagePositionPatient],
        'iop': [float(v) for v in d.ImageOrientationPatient],
        'spacing': [float(v) for v in d.PixelSpacing], 'thickness': float(d.SliceThickness),
        'intercept': float(d.RescaleIntercept), 'slope': float(d.RescaleSlope),
        'bits': [d.BitsAllocated, d.BitsStored, d.HighBit, d.PixelRepresentation],
        'shape': list(a.shape), 'dtype': str(a.dtype), 'min': int(a.min()), 'max': int(a.max()),
        'private': d.get((0x0009, 0x0010)).value,
    })
print(json.dumps(out))
`;

function pydicomAvailable(): boolean {
  if (!existsSync(PYTHON)) return false;
  try {
    execFileSync(PYTHON, ['-c', 'import pydicom'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('writeSyntheticCtSeries', () => {
  const folders: string[] = [];
  const options = { rows: 16, columns: 16, slices: 3, pixelSpacing: 22.5 };
  afterAll(async () => {
    for (const folder of folders) await rm(folder, { recursive: true, force: true });
  });
  const writeSeries = async () => {
    const folder = await mkdtemp(join(tmpdir(), 'synthetic-ct-'));
    folders.push(folder);
    return writeSyntheticCtSeries(folder, options);
  };

  it.skipIf(!pydicomAvailable())('writes valid CT Part 10 files that pydicom reads as intended', async () => {
    const series = await writeSeries();
    const read = JSON.parse(
      execFileSync(PYTHON, ['-c', READ_WITH_PYDICOM, ...series.files], { encoding: 'utf8' }),
    );
    expect(read).toHaveLength(3);
    const sopUids = new Set<string>();
    for (const [k, file] of read.entries()) {
      expect(file.ts).toBe('1.2.840.10008.1.2.1');
      expect(file.sopClass).toBe('1.2.840.10008.5.1.4.1.1.2');
      expect(file.modality).toBe('CT');
      expect(file.sop).toBe(file.metaSop);
      expect(file.sop).toMatch(/^2\.25\.[1-9]\d{37,38}$/);
      expect(file.study).toBe(series.studyInstanceUID);
      expect(file.series).toBe(series.seriesInstanceUID);
      // 16 × 22.5 mm field of view centred on the axis; 1 mm slices going down from z = −100.
      expect(file.ipp).toEqual([-168.75, -168.75, -100 - k]);
      expect(file.ipp).toEqual(slicePosition({ ...BENCHMARK_CT, ...options }, k));
      expect(file.iop).toEqual([1, 0, 0, 0, 1, 0]);
      expect(file.spacing).toEqual([22.5, 22.5]);
      expect(file.thickness).toBe(1);
      expect([file.intercept, file.slope]).toEqual([-1024, 1]);
      expect(file.bits).toEqual([16, 16, 15, 1]);
      expect(file.shape).toEqual([16, 16]);
      expect(file.dtype).toBe('int16');
      // Corners lie outside the reconstruction circle (padding −2000); the body is soft tissue and bone.
      expect(file.min).toBe(-2000);
      expect(file.max).toBeGreaterThan(1024 + 100);
      expect(file.private).toBe('VOXELHUB_BENCH_01');
      sopUids.add(file.sop);
    }
    expect(sopUids.size).toBe(3);
  });

  it('is deterministic: the same options give byte-identical files', async () => {
    const [a, b] = [await writeSeries(), await writeSeries()];
    for (let i = 0; i < a.files.length; i++) {
      expect(Buffer.compare(await readFile(a.files[i]!), await readFile(b.files[i]!))).toBe(0);
    }
  });
});
