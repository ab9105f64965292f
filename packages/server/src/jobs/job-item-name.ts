import { DICOMWEB_JOB_KIND, dicomwebItemName } from '../dicomweb-import/dicomweb-items.js';
import { UPLOAD_JOB_KIND, uploadItemName } from '../uploads/upload-items.js';

/** What people call a job's item: the uploaded file's name, the instance's UID, the path on disk. */
export function jobItemName(kind: string, key: string): string {
  if (kind === UPLOAD_JOB_KIND) return uploadItemName(key);
  if (kind === DICOMWEB_JOB_KIND) return dicomwebItemName(key);
  return key;
}
