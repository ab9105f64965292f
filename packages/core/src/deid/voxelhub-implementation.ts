/**
 * Voxelhub's Implementation Class UID (PS3.7 D.3.3.2): File Meta Information names the software that
 * wrote a file. The same 2.25 (UUID-derived) UID as core's demo writer (demo/part10-file.ts); the
 * version name tells the de-identifier's files apart.
 */
export const VOXELHUB_IMPLEMENTATION_CLASS_UID = '2.25.266125917937526376211069398946375201317';
export const VOXELHUB_IMPLEMENTATION_VERSION_NAME = 'VOXELHUB_DEID_1';
