/**
 * `@voxelhub/server/testing`: what tests and benchmarks outside this package use to drive a real server
 * and a real DICOMweb peer. Not part of the server's API.
 */
export { landmark } from './test-support/landmark-payload.js';
export { orthancAvailable, type RunningOrthanc, startOrthanc } from './test-support/orthanc.js';
export {
  adminToken,
  call,
  type ServerProcess,
  type ServerProcessOptions,
  startServerProcess,
} from './test-support/server-process.js';
