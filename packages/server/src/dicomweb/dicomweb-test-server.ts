import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { api } from 'dicomweb-client';
import XMLHttpRequest from 'xhr2';
import { TESTDATA } from '../import/import-test-files.js';
import type { Database } from '../storage/open-database.js';
import {
  type Caller,
  createProjectFixture,
  type ProjectFixture,
  type ProjectFixtureOptions,
} from '../test-support/project-fixture.js';

/**
 * Test support: the app listening on loopback (dicomweb-client and Orthanc speak real HTTP), a DICOMweb
 * client per caller, and the real files the DICOMweb tests store.
 */

// dicomweb-client is written for browsers; xhr2 is XMLHttpRequest over node:http.
(globalThis as { XMLHttpRequest?: unknown }).XMLHttpRequest ??= XMLHttpRequest;

/** A 3-slice CT (ILE) and the DICOM SEG of it (same study): patient JANCT000. */
export const CT_3SLICE = ['01.dcm', '02.dcm', '03.dcm'].map((name) =>
  join(TESTDATA, 'dcmqi/segmentations/ct-3slice', name),
);
export const LIVER_SEG = join(TESTDATA, 'pydicom-data/liver.dcm');
/** CT, ELE, one slice: patient CompressedSamples^CT1, study date 20040119. */
export const CT_SMALL = join(TESTDATA, 'pydicom/CT_small.dcm');
/** MR, JPEG-LS lossless: patient CompressedSamples^MR1, study date 20040826; MR_SMALL is it uncompressed. */
export const MR_SMALL_JLS = join(TESTDATA, 'pydicom/MR_small_jpeg_ls_lossless.dcm');
export const MR_SMALL = join(TESTDATA, 'pydicom/MR_small.dcm');
/** Enhanced MR, 10 frames, JPEG-LS lossless. */
export const EMRI_JLS = join(TESTDATA, 'pydicom-data/emri_small_jpeg_ls_lossless.dcm');

type Options = Record<string, unknown>;

/**
 * The dicomweb-client methods the tests call. Its bundled types (made from JSDoc) mark every option as
 * required, request options included, so the tests see it through this looser view.
 */
export interface DicomwebTestClient {
  storeInstances(options: { datasets: ArrayBuffer[]; studyInstanceUID?: string }): Promise<unknown>;
  searchForStudies(options?: Options): Promise<unknown>;
  searchForSeries(options?: Options): Promise<unknown>;
  searchForInstances(options?: Options): Promise<unknown>;
  retrieveStudy(options: Options): Promise<unknown>;
  retrieveInstance(options: Options): Promise<unknown>;
  retrieveInstanceMetadata(options: Options): Promise<unknown>;
  retrieveSeriesMetadata(options: Options): Promise<unknown>;
  retrieveInstanceFrames(options: Options): Promise<unknown>;
  retrieveInstanceRendered(options: Options): Promise<unknown>;
  retrieveBulkData(options: Options): Promise<unknown>;
}

export interface DicomwebServer {
  readonly fixture: ProjectFixture;
  /** http://127.0.0.1:<port> */
  readonly origin: string;
  /** The project's DICOMweb base URL. */
  readonly base: string;
  client(caller: Caller): DicomwebTestClient;
  close(): Promise<void>;
}

export async function startDicomwebServer(
  database: Database,
  options: ProjectFixtureOptions = {},
): Promise<DicomwebServer> {
  const fixture = await createProjectFixture(database, options);
  const origin = await fixture.app.listen({ port: 0, host: '127.0.0.1' });
  const base = `${origin}/dicomweb/projects/${fixture.projectId}`;
  return {
    fixture,
    origin,
    base,
    client(caller) {
      const headers: Record<string, string> =
        caller === 'anonymous' ? {} : { Authorization: `Bearer ${fixture.users[caller].token}` };
      return new api.DICOMwebClient({
        url: base,
        headers,
        singlepart: false,
      }) as unknown as DicomwebTestClient;
    },
    close: () => fixture.close(),
  };
}

export async function readBytes(path: string): Promise<Uint8Array> {
  return new Uint8Array(await readFile(path));
}

/** A DICOM JSON value: the first Value of a tag (PN as its Alphabetic group). */
export function firstValue(json: Record<string, { Value?: unknown[] }>, tag: string): unknown {
  const value = json[tag]?.Value?.[0];
  return value && typeof value === 'object' && 'Alphabetic' in value
    ? (value as { Alphabetic: string }).Alphabetic
    : value;
}
