import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTestdata, TESTDATA } from '../test-support/shared-data.js';
import { deidentifyPart10 } from './deidentify-part10.js';
import { leakList } from './leak-list.js';
import { dicomTestdataFiles, refusalOf, TEST_PROJECT_KEY } from './testdata-deid-fixture.js';

/**
 * Every DICOM file of the shared test data (every file core's reader accepts) is de-identified with the
 * Basic Profile and written; the leak list of each output must be empty, and pydicom must read it.
 */
const KEY = TEST_PROJECT_KEY;
const dicomFiles = dicomTestdataFiles();
const outDir = mkdtempSync(join(tmpdir(), 'voxelhub-deid-'));

let filesWithIdentifyingValues = 0;

describe('de-identification of the shared test data', () => {
  it('finds the DICOM files', () => {
    expect(dicomFiles.length).toBeGreaterThan(150);
  });

  it.each(dicomFiles)('leaves no identifying value in %s', async (file) => {
    const input = readTestdata(file);
    const refused = refusalOf(file);
    if (refused) {
      await expect(deidentifyPart10(input, { key: KEY, file })).rejects.toMatchObject({ code: refused });
      return;
    }
    const output = await deidentifyPart10(input, { key: KEY, file });
    if (leakList(input, input).length > 0) filesWithIdentifyingValues += 1;
    expect(leakList(input, output)).toEqual([]);
    writeFileSync(join(outDir, file.replaceAll('/', '__')), output);
  });

  it('had identifying values to remove in most files (the leak list sees them in the inputs)', () => {
    expect(filesWithIdentifyingValues).toBeGreaterThan(150);
  });

  it('writes files that pydicom reads, marked as de-identified, with UIDs mapped one to one', () => {
    const script = `
import pathlib, sys, pydicom
from pydicom.encaps import generate_pixel_data_frame
def frames(ds):
    # Encapsulated data may be re-fragmented on writing: compare frame by frame, padding aside.
    if ds.file_meta.TransferSyntaxUID.is_compressed:
        declared = str(ds.get('NumberOfFrames', '1'))
        n = int(declared) if declared.isdigit() else 1
        return [f.rstrip(b'\\0') for f in generate_pixel_data_frame(ds.PixelData, n)]
    # Native data may change byte order (big endian is written little endian): compare the values.
    try:
        return ds.pixel_array.tobytes()
    except Exception:  # badVR.dcm's NumberOfFrames '1A': its bytes, then, which keep their byte order
        return ds.PixelData
bad = []
studies = {}
for p in sorted(pathlib.Path(sys.argv[1]).iterdir()):
    try:
        ds = pydicom.dcmread(p)
        original = pydicom.dcmread(pathlib.Path(sys.argv[2]) / p.name.replace('__', '/'), force=True)
        assert ds.PatientIdentityRemoved == 'YES', 'not marked'
        if original.file_meta.get('MediaStorageSOPInstanceUID') == original.SOPInstanceUID:
            assert ds.file_meta.MediaStorageSOPInstanceUID == ds.SOPInstanceUID, 'meta UID differs'
        if 'PixelData' in original:
            assert frames(ds) == frames(original), 'pixel data changed'
        assert all(not (e.tag.group % 2) for e in ds.iterall()), 'private attribute left'
        if 'StudyInstanceUID' in original:
            studies.setdefault(original.StudyInstanceUID, set()).add(ds.StudyInstanceUID)
    except Exception as e:
        bad.append(f'{p.name}: {e}')
outputs = [uid for uids in studies.values() for uid in uids]
if any(len(uids) != 1 for uids in studies.values()) or len(set(outputs)) != len(outputs):
    bad.append('study UIDs not mapped one to one')
print('\\n'.join(bad))
`;
    const out = execFileSync('/usr/bin/python3', ['-c', script, outDir, TESTDATA], { encoding: 'utf8' });
    expect(out.trim()).toBe('');
  }, 120_000);
});
