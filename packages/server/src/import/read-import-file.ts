import { gunzipSync } from 'node:zlib';
import {
  type DataSet,
  type ImageVolume,
  type InstanceHeader,
  parseDicom,
  readInstanceHeader,
  readNifti,
  readRasterImage,
  text,
} from '@voxelhub/core';
import { classifyFile, zlibInflateRaw } from '@voxelhub/core/node';
import { dicomJsonFromDataSet } from '../dicomweb/dicom-json.js';
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
  /** What DICOMweb searches match on (migration 0006). */
  readonly study: DicomStudyAttributes;
  readonly series: DicomSeriesAttributes;
  readonly instance: DicomInstanceAttributes;
}

export interface DicomStudyAttributes {
  readonly patient_name: string | null;
  readonly patient_id: string | null;
  readonly patient_birth_date: string | null;
  readonly patient_sex: string | null;
  readonly study_time: string | null;
  readonly accession_number: string | null;
  readonly referring_physician_name: string | null;
  readonly study_id: string | null;
}

export interface DicomSeriesAttributes {
  readonly series_number: number | null;
  readonly performed_start_date: string | null;
  readonly performed_start_time: string | null;
}

export interface DicomInstanceAttributes {
  readonly sop_class_uid: string | null;
  readonly instance_number: number | null;
  readonly number_of_frames: number | null;
  readonly transfer_syntax_uid: string | null;
  /** DICOM JSON without bulk data (dicomweb/dicom-json.ts); null when a value can't be read. */
  readonly dicom_json: string | null;
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
    ...dicomAttributes(parsed.dataSet, parsed.transferSyntaxUID, header),
  };
}

function dicomAttributes(
  dataSet: DataSet,
  transferSyntaxUid: string,
  header: InstanceHeader,
): Pick<DicomFacts, 'study' | 'series' | 'instance'> {
  const value = (tag: string) => text(dataSet, tag) ?? null;
  const json = dicomJsonFromDataSet(dataSet, transferSyntaxUid);
  return {
    study: {
      patient_name: value('x00100010'),
      patient_id: value('x00100020'),
      patient_birth_date: value('x00100030'),
      patient_sex: value('x00100040'),
      study_time: value('x00080030'),
      accession_number: value('x00080050'),
      referring_physician_name: value('x00080090'),
      study_id: value('x00200010'),
    },
    series: {
      series_number: integerOrNull(value('x00200011')),
      performed_start_date: value('x00400244'),
      performed_start_time: value('x00400245'),
    },
    instance: {
      sop_class_uid: header.sopClassUID ?? null,
      instance_number: header.instanceNumber ?? null,
      number_of_frames: header.numberOfFrames,
      transfer_syntax_uid: transferSyntaxUid,
      dicom_json: json ? JSON.stringify(json) : null,
    },
  };
}

function integerOrNull(value: string | null): number | null {
  const number = Number(value);
  return value !== null && value.trim() !== '' && Number.isSafeInteger(number) ? number : null;
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
