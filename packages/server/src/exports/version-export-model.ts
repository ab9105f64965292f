import type { ImageGeometry, ImageKind, SeriesPlan } from '@voxelhub/core';
import type { ExportAnnotation, ExportDataset, ExportImage } from '@voxelhub/core/export';
import type { Kysely } from 'kysely';
import type { BlobStore } from '../blobs/blob-store.js';
import { parseImageGeometry } from '../quality/item-geometry.js';
import type { DatabaseSchema } from '../storage/schema.js';
import type { StoredVersion } from '../versions/stored-version.js';
import type { ManifestAnnotation, ManifestCase } from '../versions/version-manifest.js';
import { type CaseImages, caseImagesOf } from './case-images.js';
import { dicomCasePlan } from './dicom-case-plan.js';

/** One case of the version with what it takes to load it again: its stored files and, for DICOM, its plan. */
export interface VersionCase {
  readonly image: ExportImage;
  readonly kind: ImageKind;
  readonly images: CaseImages;
  /** DICOM cases: how the instances make the volume (headers only, no pixels). */
  readonly plan?: SeriesPlan;
}

/** The version as the core writers take it, and its cases in manifest order. */
export interface VersionExportModel {
  readonly version: StoredVersion;
  readonly dataset: ExportDataset;
  readonly cases: readonly VersionCase[];
}

const IMAGE_FORMATS: ReadonlySet<string> = new Set(['dicom', 'nifti', 'png', 'jpeg']);

function exportImage(c: ManifestCase, geometry: ImageGeometry): ExportImage {
  if (!IMAGE_FORMATS.has(c.format)) throw new Error(`${c.caseName}: format ${c.format} cannot be exported`);
  const { dims, spacing, origin, direction } = geometry;
  return {
    id: c.id,
    subjectId: c.subjectId,
    caseName: c.caseName,
    format: c.format as ExportImage['format'],
    modality: c.modality,
    geometry: { dims, spacing, origin, direction },
    split: c.split,
  };
}

/**
 * An annotation of the version on its case. A series annotation's imageRef names the instance it was drawn
 * on, with sliceIndex counting slices of the series volume; in an export the case (the series) is the image,
 * so imageRef.imageId becomes the case id and sliceIndex stays the slice of the case's volume.
 */
function exportAnnotation(a: ManifestAnnotation): ExportAnnotation {
  return {
    id: a.id,
    imageId: a.caseId,
    labelId: a.labelId,
    payload: { ...a.payload, imageRef: { ...a.payload.imageRef, imageId: a.caseId } },
  };
}

async function versionCase(
  db: Kysely<DatabaseSchema>,
  blobs: BlobStore,
  projectId: string,
  c: ManifestCase,
): Promise<VersionCase> {
  const images = await caseImagesOf(db, projectId, c);
  if (c.format === 'dicom') {
    // The volume's grid is the assembled series' (the grid the viewer saves series label maps on).
    const plan = await dicomCasePlan(blobs, images);
    return { image: exportImage(c, plan.geometry), kind: plan.kind, images, plan };
  }
  const geometry = parseImageGeometry(images.rows[0]!.geometry);
  if (!geometry) throw new Error(`${c.caseName}: its image has no recorded voxel grid`);
  return { image: exportImage(c, geometry), kind: 'volume', images };
}

/**
 * Builds the export model of a stored version: every case with its geometry (DICOM headers are read, no
 * pixels), the labels, and the annotations with their payloads.
 */
export async function versionExportModel(
  db: Kysely<DatabaseSchema>,
  blobs: BlobStore,
  version: StoredVersion,
  signal?: AbortSignal,
): Promise<VersionExportModel> {
  const cases: VersionCase[] = [];
  for (const c of version.manifest.cases) {
    signal?.throwIfAborted();
    cases.push(await versionCase(db, blobs, version.row.project_id, c));
  }
  const dataset: ExportDataset = {
    name: version.row.name,
    images: cases.map((c) => c.image),
    labels: version.manifest.labels.map((l) => ({ ...l })),
    annotations: version.manifest.annotations.map(exportAnnotation),
  };
  return { version, dataset, cases };
}
