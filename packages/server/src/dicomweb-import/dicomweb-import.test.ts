import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalBlobStore } from '../blobs/local-blob-store.js';
import type { ImportContext } from '../import/import-file.js';
import { type RunImportJobOptions, runImportJob } from '../import/import-job.js';
import { tempDir } from '../import/import-test-files.js';
import { eachDialect } from '../storage/test-databases.js';
import { insertProject } from '../storage/test-rows.js';
import { orthancSkipped, type RunningOrthanc, startOrthanc } from '../test-support/orthanc.js';
import { CT5N_DIR, filesIn } from '../uploads/upload-test-support.js';
import { DicomwebClient, DicomwebError } from './dicomweb-client.js';
import { dicomwebImportJob, dicomwebSource, parseDicomwebPayload } from './dicomweb-import-job.js';

/** A real DICOMweb peer (Orthanc) holding one real CT series; the study's UIDs as Orthanc reports them. */
async function orthancWithStudy(): Promise<{ orthanc: RunningOrthanc; study: string; sopUids: string[] }> {
  const orthanc = await startOrthanc();
  for (const file of await filesIn(CT5N_DIR)) await orthanc.uploadInstance(await readFile(file));
  const studies = (await (await fetch(`${orthanc.url}/studies?expand`)).json()) as {
    MainDicomTags: { StudyInstanceUID: string };
  }[];
  const instances = (await (await fetch(`${orthanc.url}/instances?expand`)).json()) as {
    MainDicomTags: { SOPInstanceUID: string };
  }[];
  expect(studies).toHaveLength(1);
  return {
    orthanc,
    study: studies[0]!.MainDicomTags.StudyInstanceUID,
    sopUids: instances.map((i) => i.MainDicomTags.SOPInstanceUID).sort(),
  };
}

describe.skipIf(orthancSkipped('DICOMweb import'))('DICOMweb import from Orthanc', () => {
  let peer: Awaited<ReturnType<typeof orthancWithStudy>>;
  beforeAll(async () => {
    peer = await orthancWithStudy();
  });
  afterAll(() => peer?.orthanc.stop());

  it('lists a study with QIDO-RS and retrieves an instance with WADO-RS', async () => {
    const client = new DicomwebClient(`${peer.orthanc.dicomWebUrl}/`, { maxInstanceBytes: 1 << 24 });
    const instances = await client.studyInstances(peer.study);
    expect(instances.map((i) => i.sopInstanceUid).sort()).toEqual(peer.sopUids);
    const bytes = await client.retrieveInstance(peer.study, instances[0]!);
    expect(Buffer.from(bytes.subarray(128, 132)).toString('latin1')).toBe('DICM');
  });

  it('names what is wrong: an unknown study, a bad UID, a server that is not there', async () => {
    const client = new DicomwebClient(peer.orthanc.dicomWebUrl, { maxInstanceBytes: 1 << 24 });
    await expect(client.studyInstances('1.2.3.4')).rejects.toThrow(/has no instances of study 1\.2\.3\.4/);
    await expect(client.studyInstances('1.2/../x')).rejects.toThrow(DicomwebError);
    const gone = new DicomwebClient('http://127.0.0.1:1/dicom-web', { maxInstanceBytes: 1 << 24 });
    await expect(gone.studyInstances(peer.study)).rejects.toThrow(/cannot connect/);
    expect(() => new DicomwebClient('file:///etc', { maxInstanceBytes: 1 })).toThrow(/not an http/);
  });

  eachDialect('DICOMweb import job', (context) => {
    let ctx: ImportContext;
    let client: DicomwebClient;
    beforeAll(async () => {
      ctx = { db: context.database.db, blobs: await LocalBlobStore.open(tempDir()) };
      client = new DicomwebClient(peer.orthanc.dicomWebUrl, { maxInstanceBytes: 1 << 24 });
    });
    const run = (projectId: string, jobId: string, options: RunImportJobOptions = {}) =>
      runImportJob(ctx, jobId, {
        ...options,
        openSource: async (job) =>
          dicomwebSource(ctx.db, client, projectId, parseDicomwebPayload(job.payload)),
      });
    const sopUids = async (projectId: string) =>
      (
        await ctx.db
          .selectFrom('images')
          .select('sop_instance_uid')
          .where('project_id', '=', projectId)
          .orderBy('sop_instance_uid')
          .execute()
      ).map((row) => row.sop_instance_uid);

    it('imports every instance of the study, and nothing new the second time', async () => {
      const projectId = await insertProject(ctx.db);
      const first = await dicomwebImportJob(ctx.db, client, { projectId, studyInstanceUid: peer.study });
      expect(first.resumed).toBe(false);
      expect(await run(projectId, first.jobId)).toMatchObject({ state: 'done', imported: 5, failed: 0 });
      expect(await sopUids(projectId)).toEqual(peer.sopUids);

      const again = await dicomwebImportJob(ctx.db, client, { projectId, studyInstanceUid: peer.study });
      expect(again.jobId).not.toBe(first.jobId);
      expect(await run(projectId, again.jobId)).toMatchObject({ imported: 0, duplicates: 5, failed: 0 });
      expect(await sopUids(projectId)).toEqual(peer.sopUids);
    });

    it('resumes an interrupted import of the same study instead of starting over', async () => {
      const projectId = await insertProject(ctx.db);
      const { jobId } = await dicomwebImportJob(ctx.db, client, { projectId, studyInstanceUid: peer.study });
      const abort = new AbortController();
      const interrupted = await run(projectId, jobId, {
        signal: abort.signal,
        onProgress: (p) => void (p.done === 2 && abort.abort()),
      });
      expect(interrupted).toMatchObject({ state: 'queued', imported: 2, pending: 3 });
      const resumed = await dicomwebImportJob(ctx.db, client, { projectId, studyInstanceUid: peer.study });
      expect(resumed).toEqual({ jobId, resumed: true });
      expect(await run(projectId, jobId)).toMatchObject({ state: 'done', imported: 5, duplicates: 0 });
      expect(await sopUids(projectId)).toEqual(peer.sopUids);
    });
  });
});
