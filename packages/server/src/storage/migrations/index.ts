import type { Migration } from 'kysely';
import { accounts } from './0001-accounts.js';
import { projects } from './0002-projects.js';
import { imaging } from './0003-imaging.js';
import { annotation } from './0004-annotation.js';
import { jobsAndAudit } from './0005-jobs-and-audit.js';
import { dicomAttributes } from './0006-dicom-attributes.js';
import { labelOptionsAndExamples } from './0007-label-options-and-examples.js';
import { annotationBlobs } from './0008-annotation-blobs.js';
import { heldImages } from './0009-held-images.js';
import { quality } from './0010-quality.js';
import { datasetVersions } from './0011-dataset-versions.js';

/**
 * Every migration, by name. Names sort in the order they run and never change once released;
 * new ones are appended. A static list (no folder scan) so the bundled CLI carries them.
 */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001-accounts': accounts,
  '0002-projects': projects,
  '0003-imaging': imaging,
  '0004-annotation': annotation,
  '0005-jobs-and-audit': jobsAndAudit,
  '0006-dicom-attributes': dicomAttributes,
  '0007-label-options-and-examples': labelOptionsAndExamples,
  '0008-annotation-blobs': annotationBlobs,
  '0009-held-images': heldImages,
  '0010-quality': quality,
  '0011-dataset-versions': datasetVersions,
};
