import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CT_SMALL } from '../import/import-test-files.js';
import { orthancSkipped, type RunningOrthanc, startOrthanc } from './orthanc.js';

describe.skipIf(orthancSkipped('Orthanc test fixture'))('Orthanc test fixture', () => {
  let orthanc: RunningOrthanc;
  beforeAll(async () => {
    orthanc = await startOrthanc();
  });
  afterAll(async () => {
    await orthanc?.stop();
  });

  it('stores an instance and serves it over DICOMweb', async () => {
    const answer = await orthanc.uploadInstance(await readFile(CT_SMALL));
    expect(answer.Status).toBe('Success');
    const response = await fetch(`${orthanc.dicomWebUrl}/instances`, {
      headers: { accept: 'application/dicom+json' },
    });
    expect(response.status).toBe(200);
    const instances = (await response.json()) as Array<Record<string, { Value?: unknown[] }>>;
    // SOPInstanceUID of CT_small.dcm.
    expect(instances.map((instance) => instance['00080018']?.Value?.[0])).toEqual([
      '1.3.6.1.4.1.5962.1.1.1.1.1.20040119072730.12322',
    ]);
  });

  it('stop() ends the process and is idempotent', async () => {
    const other = await startOrthanc();
    await other.stop();
    await other.stop();
    await expect(fetch(`${other.url}/system`)).rejects.toThrow();
  });
});
