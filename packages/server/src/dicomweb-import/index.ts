export {
  DicomwebClient,
  type DicomwebClientOptions,
  DicomwebError,
  type InstanceRef,
} from './dicomweb-client.js';
export { dicomwebImportJob, dicomwebSource, parseDicomwebPayload } from './dicomweb-import-job.js';
export { DICOMWEB_JOB_KIND, type DicomwebPayload, dicomwebItemName } from './dicomweb-items.js';
export {
  MultipartError,
  multipartBoundary,
  type RelatedPart,
  readMultipartRelated,
} from './multipart-related.js';
