export { BLOB_ERROR_CODES, BlobError, type BlobErrorCode } from './blob-error.js';
export { assertBlobKey, blobKeySchema, isBlobKey } from './blob-key.js';
export type { BlobSource, BlobStat, BlobStore, ByteRange, PutOptions, PutResult } from './blob-store.js';
export { LocalBlobStore, type LocalBlobStoreOptions } from './local-blob-store.js';
