import { projectId, runWithProgress, withServerData } from './import.js';
import { reportImport } from './import-report.js';

export interface DicomwebImportOptions {
  /** The server's DICOMweb root, e.g. http://pacs:8042/dicom-web */
  readonly url: string;
  readonly study: string;
  readonly project: string;
  readonly token?: string;
  /** Server settings arguments (--data-dir) passed through to the server's config. */
  readonly configArgs: string[];
}

/**
 * `voxelhub import --from-dicomweb <url> --study <uid> --project <name>`: imports a study from a DICOMweb
 * server (QIDO-RS lists its instances, WADO-RS retrieves them a few at a time) as a durable job: an
 * interrupted import of the same study resumes, and instances already in the project are not fetched.
 */
export async function importDicomwebCommand(options: DicomwebImportOptions): Promise<number> {
  return withServerData(options.configArgs, async (data, server) => {
    const config = server.loadConfig(process.env, options.configArgs);
    const client = new server.DicomwebClient(options.url, {
      maxInstanceBytes: config.maxUploadBytes,
      ...(options.token ? { token: options.token } : {}),
    });
    const project = await projectId(data, options.project);
    const { db } = data.database;
    const { jobId, resumed } = await server.dicomwebImportJob(db, client, {
      projectId: project,
      studyInstanceUid: options.study,
    });
    if (resumed) process.stderr.write(`resuming job ${jobId}\n`);
    const summary = await runWithProgress(data, server, jobId, {
      openSource: async (job) =>
        server.dicomwebSource(db, client, project, server.parseDicomwebPayload(job.payload)),
    });
    return reportImport(data, jobId, summary, server.dicomwebItemName);
  });
}
