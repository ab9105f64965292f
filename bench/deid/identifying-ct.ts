import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DicomJson } from 'dcmjs';
import { SYNTHETIC_CT_VERSION, writeSyntheticCtSeries } from '../io/synthetic-ct.js';

/** Bump when the identifying elements change: the benchmark regenerates its data when this differs. */
export const IDENTIFYING_CT_VERSION = 1;

const text = (vr: string, ...Value: unknown[]) => ({ vr, Value });
const name = (alphabetic: string) => text('PN', { Alphabetic: alphabetic });

/**
 * What a hospital export carries on top of the io suite's headers: the patient's address, telephone,
 * other IDs and history; study and request identifiers; the institution's address and department;
 * physicians and operators; free-text comments naming people; a private element holding the patient's
 * name; and a Request Attributes Sequence whose item repeats identifiers. Each one is an attribute of
 * PS3.15 Table E.1-1, so a de-identifier's leak list shows whatever it leaves.
 */
function identifyingElements(index: number): DicomJson {
  return {
    '00080012': text('DA', '20240115'), // Instance Creation Date
    '00080013': text('TM', '093600'),
    '0008002A': text('DT', '20240115093544'), // Acquisition DateTime
    '00080081': text('ST', '12 Harbour Road, Springfield'), // Institution Address
    '00080092': text('ST', '4 Elm Street, Springfield'), // Referring Physician's Address
    '00080094': text('SH', '555-0101'), // Referring Physician's Telephone Numbers
    '00081040': text('LO', 'Radiology West Wing'), // Institutional Department Name
    '00081048': name('RECORD^RUTH'), // Physician(s) of Record
    '00081050': name('PERFORMER^PAUL'), // Performing Physician's Name
    '00081060': name('READER^RITA'), // Name of Physician(s) Reading Study
    '00081070': name('OPERATOR^OLGA'), // Operators' Name
    '00081080': text('LO', 'Suspected mass, Jane Phantom'), // Admitting Diagnoses Description
    '00090011': text('LO', 'VOXELHUB_SITE_01'),
    '00091101': text('LO', 'PHANTOM^BODY'), // a vendor's copy of the patient's name
    '00091102': text('LO', 'MRN 0012345'),
    '00100021': text('LO', 'SPRINGFIELD GENERAL'), // Issuer of Patient ID
    '00101000': text('LO', 'MRN-0012345'), // Other Patient IDs
    '00101005': name('BIRTHNAME^BODY'), // Patient's Birth Name
    '00101040': text('LO', '7 Maple Avenue, Springfield'), // Patient's Address
    '00101060': name('MOTHER^MARY'), // Patient's Mother's Birth Name
    '00102154': text('SH', '555-0199'), // Patient's Telephone Numbers
    '00102160': text('SH', 'SYNTHETIC'), // Ethnic Group
    '00102180': text('SH', 'WELDER'), // Occupation
    '001021B0': text('LT', 'Smoker, 20 pack-years'), // Additional Patient History
    '00104000': text('LT', 'Patient PHANTOM^BODY prefers mornings'), // Patient Comments
    '00181000': text('LO', 'SN-0042-CT'), // Device Serial Number
    '00181030': text('LO', 'CHEST ABD PHANTOM BODY'), // Protocol Name
    '00204000': text('LT', `Slice ${index + 1} of PHANTOM^BODY, read by READER^RITA`), // Image Comments
    '00321032': name('REQUESTER^RON'), // Requesting Physician
    '00321060': text('LO', 'CT chest abdomen for PHANTOM^BODY'), // Requested Procedure Description
    '00324000': text('LT', 'Follow-up of 2023 scan at Springfield General'), // Study Comments
    '00400244': text('DA', '20240115'), // Performed Procedure Step Start Date
    '00400245': text('TM', '093000'),
    '00400253': text('SH', 'PPS-77'), // Performed Procedure Step ID
    '00400254': text('LO', 'CT PHANTOM BODY'), // Performed Procedure Step Description
    '00400275': text('SQ', {
      // Request Attributes Sequence
      '00080050': text('SH', 'BENCH0001'),
      '00321032': name('REQUESTER^RON'),
      '00321060': text('LO', 'CT chest abdomen for PHANTOM^BODY'),
      '00400007': text('LO', 'CT CHEST ABD PHANTOM'),
      '00400009': text('SH', 'SPS-0042'),
      '00401001': text('SH', 'RP-0042'),
      '00401002': text('LO', 'Mass seen by REQUESTER^RON'),
    }),
  };
}

interface Marker {
  readonly version: number;
  readonly syntheticCtVersion: number;
  readonly files: number;
}

async function readMarker(file: string): Promise<Marker | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as Marker;
  } catch {
    return undefined;
  }
}

/**
 * The io suite's 300-file synthetic CT series (512×512 int16, same phantom and headers) with the
 * identifying elements above, in `outDir/synthetic-ct-identifying/ct-300`; generated on first use and
 * reused while the marker matches both generators' versions.
 */
export async function ensureIdentifyingCt(outDir: string, log: (line: string) => void): Promise<string> {
  const root = join(outDir, 'synthetic-ct-identifying');
  const folder = join(root, 'ct-300');
  const markerFile = join(root, 'marker.json');
  const marker = await readMarker(markerFile);
  if (marker?.version === IDENTIFYING_CT_VERSION && marker.syntheticCtVersion === SYNTHETIC_CT_VERSION)
    return folder;
  const started = performance.now();
  log(`generating the identifying synthetic CT series into ${folder} (once, about 10 s) …`);
  await rm(root, { recursive: true, force: true });
  const { files } = await writeSyntheticCtSeries(folder, {}, identifyingElements);
  const written: Marker = {
    version: IDENTIFYING_CT_VERSION,
    syntheticCtVersion: SYNTHETIC_CT_VERSION,
    files: files.length,
  };
  await writeFile(markerFile, `${JSON.stringify(written, null, 2)}\n`);
  log(`  done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return folder;
}
