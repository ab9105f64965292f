import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDicom } from '@voxelhub/core';
import { zlibInflateRaw } from '@voxelhub/core/node';
import { describe, expect, it } from 'vitest';
import { TESTDATA } from '../import/import-test-files.js';
import { instanceDicomJson } from './dicom-json.js';

/**
 * The import makes an instance's DICOM JSON from the file up to its Pixel Data value only; on every real
 * file with pixel data in the shared test data, that gives exactly what the whole file gives.
 */
describe('DICOM JSON from the header alone', () => {
  const files = ['pydicom', 'dcm_qa_ts', 'highdicom', 'cornerstone3D'].flatMap((dir) =>
    readdirSync(join(TESTDATA, dir), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && e.name.endsWith('.dcm'))
      .map((e) => join(e.parentPath, e.name)),
  );

  it('equals the DICOM JSON of the whole file', () => {
    let compared = 0;
    for (const file of files) {
      const bytes = new Uint8Array(readFileSync(file));
      let parsed: ReturnType<typeof parseDicom>;
      try {
        parsed = parseDicom(bytes, { file, inflateRaw: zlibInflateRaw });
      } catch {
        continue; // the malformed files of the test data
      }
      const pixelData = parsed.dataSet.elements.x7fe00010;
      if (!pixelData || parsed.transferSyntaxUID === '1.2.840.10008.1.2.1.99') continue;
      expect(instanceDicomJson(bytes.subarray(0, pixelData.dataOffset)), file).toEqual(
        instanceDicomJson(bytes),
      );
      compared += 1;
    }
    expect(compared).toBeGreaterThan(30);
  });
});
