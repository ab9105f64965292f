import { parseDicom } from '@voxelhub/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../import/import-file.js';
import { eachDialect } from '../storage/test-databases.js';
import { orthancSkipped, type RunningOrthanc, startOrthanc } from '../test-support/orthanc.js';
import {
  CT_3SLICE,
  CT_SMALL,
  type DicomwebServer,
  MR_SMALL_JLS,
  readBytes,
  startDicomwebServer,
} from './dicomweb-test-server.js';

/** Orthanc's rewrite of the DICOM JSON it got: one tag per key, Value a plain string. */
type OrthancAnswer = Array<Record<string, { Name: string; Value?: string }>>;

/**
 * Orthanc as a real DICOMweb peer: its DICOMweb client searches our server (QIDO-RS) and retrieves
 * studies from it (WADO-RS) with a viewer's API token, and then holds the very same files.
 */
describe.skipIf(orthancSkipped('DICOMweb with Orthanc as a peer'))('DICOMweb with Orthanc as a peer', () => {
  eachDialect('Orthanc reads Voxelhub over DICOMweb', (context) => {
    let server: DicomwebServer;
    let orthanc: RunningOrthanc;
    const originals = new Map<string, Uint8Array>();

    beforeAll(async () => {
      server = await startDicomwebServer(context.database);
      for (const path of [...CT_3SLICE, MR_SMALL_JLS]) {
        const bytes = await readBytes(path);
        originals.set(parseDicom(bytes).dataSet.string('x00080018')!, bytes);
        await importFile({ db: context.database.db, blobs: server.fixture.blobs }, server.fixture.projectId, {
          name: path,
          bytes,
        });
      }
      orthanc = await startOrthanc({
        dicomWebServers: {
          voxelhub: {
            Url: `${server.base}/`,
            HttpHeaders: { Authorization: `Bearer ${server.fixture.users.viewer.token}` },
          },
          'voxelhub-manager': {
            Url: `${server.base}/`,
            HttpHeaders: { Authorization: `Bearer ${server.fixture.users.manager.token}` },
          },
        },
      });
    });
    afterAll(async () => {
      await orthanc?.stop();
      await server?.close();
    });

    const post = async (path: string, body: unknown) => {
      const response = await fetch(`${orthanc.url}${path}`, { method: 'POST', body: JSON.stringify(body) });
      expect(response.status, await response.clone().text()).toBe(200);
      return response.json() as Promise<unknown>;
    };

    it('searches our studies and series through QIDO-RS', async () => {
      const studies = (await post('/dicom-web/servers/voxelhub/qido', {
        Uri: '/studies',
        Arguments: { PatientID: '99000' },
      })) as OrthancAnswer;
      const ct = parseDicom(originals.values().next().value!).dataSet;
      expect(studies.map((study) => study['0020000D']?.Value)).toEqual([ct.string('x0020000d')]);
      const series = (await post('/dicom-web/servers/voxelhub/qido', {
        Uri: `/studies/${ct.string('x0020000d')}/series`,
      })) as OrthancAnswer;
      expect(series.map((s) => s['00080060']?.Value)).toEqual(['CT']);
    });

    it('stores into Voxelhub through STOW-RS, as a manager but not as a viewer', async () => {
      const bytes = await readBytes(CT_SMALL);
      const { ID } = await orthanc.uploadInstance(bytes);
      const asViewer = await fetch(`${orthanc.url}/dicom-web/servers/voxelhub/stow`, {
        method: 'POST',
        body: JSON.stringify({ Resources: [ID], Synchronous: true }),
      });
      expect(asViewer.ok).toBe(false);
      await post('/dicom-web/servers/voxelhub-manager/stow', { Resources: [ID], Synchronous: true });
      const sop = parseDicom(bytes).dataSet.string('x00080018')!;
      const [image] = await context.database.db
        .selectFrom('images')
        .select('blob_key')
        .where('project_id', '=', server.fixture.projectId)
        .where('sop_instance_uid', '=', sop)
        .execute();
      expect(
        Buffer.from(await server.fixture.blobs.getBytes(image!.blob_key)).equals(Buffer.from(bytes)),
      ).toBe(true);
      // Orthanc now holds it too; the retrieve below compares only what came from Voxelhub.
      await fetch(`${orthanc.url}/instances/${ID}`, { method: 'DELETE' });
      const response = await fetch(`${orthanc.url}/instances`);
      expect(await response.json()).toEqual([]);
    });

    it('retrieves our studies through WADO-RS and then holds the same files', async () => {
      const studyUids = [
        ...new Set([...originals.values()].map((bytes) => parseDicom(bytes).dataSet.string('x0020000d')!)),
      ];
      await post('/dicom-web/servers/voxelhub/retrieve', {
        Resources: studyUids.map((Study) => ({ Study })),
        Synchronous: true,
      });
      const ids = (await (await fetch(`${orthanc.url}/instances`)).json()) as string[];
      const held = new Map<string, Uint8Array>();
      for (const id of ids) {
        const bytes = new Uint8Array(
          await (await fetch(`${orthanc.url}/instances/${id}/file`)).arrayBuffer(),
        );
        held.set(parseDicom(bytes).dataSet.string('x00080018')!, bytes);
      }
      expect([...held.keys()].sort()).toEqual([...originals.keys()].sort());
      for (const [uid, bytes] of originals)
        expect([uid, Buffer.from(held.get(uid)!).equals(Buffer.from(bytes))]).toEqual([uid, true]);
    });
  });
});
