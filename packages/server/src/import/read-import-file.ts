import { gunzipSync } from 'node:zlib';
import {
  type ImageVolume,
  type InstanceHeader,
  parseDicom,
  readInstanceHeader,
  readNifti,
  readRasterImage,
  text,
} from '@voxelhub/core';
import { classifyFile, zlibInflateRaw } from '@voxelhub/core/node';
import { ImportError } from './import-error.js';

/** A file to import: its name (for messages and format hints) and its whole content. */
export interface ImportFileInput {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** What the database needs of one DICOM instance. */
export interface DicomFacts {
  readonly format: 'dicom';
  readonly sopInstanceUid: string;
  readonly studyInstanceUid: string;
  readonly seriesInstanceUid: string;
  readonly patientId: string | undefined;
  readonly studyDate: string | null;
  readonly studyDescription: string | null;
  readonly seriesDescription: string | null;
  readonly modality: string | null;
  readonly geometry: Record<string, unknown>;
}

/** A file that stands alone (no study or series): NIfTI, PNG, JPEG. */
export interface StandaloneFacts {
  readonly format: 'nifti' | 'png' | 'jpeg';
  readonly geometry: Record<string, unknown>;
}

export type ImportFacts = DicomFacts | StandaloneFacts;

/**
 * Reads what an import records of a file, checking on the way that it is an image Voxelhub can open.
 * Throws ImageReadError (the reader's codes) or ImportError for files it refuses.
 */
export async function readImportFile(file: ImportFileInput): Promise<ImportFacts> {
  const format = classifyFile(file.name, file.bytes.subarray(0, 1024));
  switch (format) {
    case 'dicom':
      return readDicomFacts(file);
    case 'nifti':
      return {
        format,
        geometry: volumeGeometry(readNifti(file.bytes, { file: file.name, gunzip: gunzipSync })),
      };
    case 'png':
    case 'jpeg':
      return { format, geometry: volumeGeometry(await readRasterImage(file.bytes, { file: file.name })) };
    case 'nifti-header':
      throw new ImportError(
        'UNSUPPORTED_FORMAT',
        `${file.name}: a NIfTI .hdr needs its .img; import the pair converted to a single .nii`,
      );
    default:
      throw new ImportError(
        'UNSUPPORTED_FORMAT',
        `${file.name}: not DICOM, NIfTI, PNG or JPEG (told from the file's first bytes)`,
      );
  }
}

function readDicomFacts(file: ImportFileInput): DicomFacts {
  // The whole dataset, not just the header: a file cut short in its pixel data is refused now, not when
  // someone opens it.
  const parsed = parseDicom(file.bytes, { file: file.name, inflateRaw: zlibInflateRaw });
  const header = readInstanceHeader(parsed.dataSet, file.name, parsed.transferSyntaxUID);
  if (!header.hasPixelData) {
    throw new ImportError(
      'NO_PIXEL_DATA',
      `${file.name}: the DICOM object (modality ${header.modality ?? 'unknown'}) has no Pixel Data; only images can be imported for now`,
    );
  }
  const { sopInstanceUID, studyInstanceUID, seriesInstanceUID } = header;
  if (!sopInstanceUID || !studyInstanceUID || !seriesInstanceUID) {
    throw new ImportError(
      'MISSING_UID',
      `${file.name}: the SOP, Study and Series Instance UIDs are required`,
    );
  }
  return {
    format: 'dicom',
    sopInstanceUid: sopInstanceUID,
    studyInstanceUid: studyInstanceUID,
    seriesInstanceUid: seriesInstanceUID,
    patientId: header.patientId,
    studyDate: text(parsed.dataSet, 'x00080020') ?? null,
    studyDescription: text(parsed.dataSet, 'x00081030') ?? null,
    seriesDescription: header.seriesDescription ?? null,
    modality: header.modality ?? null,
    geometry: instanceGeometry(header),
  };
}

/** One instance's grid and first plane; the series' volume geometry is assembled from these later. */
function instanceGeometry(header: InstanceHeader): Record<string, unknown> {
  const plane = header.planes[0];
  return {
    columns: header.columns,
    rows: header.rows,
    frames: header.numberOfFrames,
    ...(plane?.pixelSpacing ? { pixelSpacing: plane.pixelSpacing } : {}),
    ...(plane?.position ? { position: plane.position } : {}),
    ...(plane?.orientation ? { orientation: plane.orientation } : {}),
    ...(header.sliceThickness !== undefined ? { sliceThickness: header.sliceThickness } : {}),
    ...(header.instanceNumber !== undefined ? { instanceNumber: header.instanceNumber } : {}),
  };
}

function volumeGeometry(image: ImageVolume): Record<string, unknown> {
  return {
    dims: image.dims,
    spacing: image.spacing,
    origin: image.origin,
    direction: image.direction,
    timepoints: image.timepoints,
    dataType: image.dataType,
    samplesPerPixel: image.samplesPerPixel,
  };
}
