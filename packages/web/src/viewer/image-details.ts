import { type DicomJsonInstance, stringValue } from './dicom-json.js';

/**
 * The image details the viewer's corners show. De-identified by construction: only these technical
 * attributes are read, never the patient's name, ID, birth date or the institution.
 */
export interface ImageDetails {
  readonly modality?: string;
  readonly seriesDescription?: string;
  /** The study (else series) date as YYYY-MM-DD. */
  readonly date?: string;
}

const MODALITY = '00080060';
const SERIES_DESCRIPTION = '0008103E';
const STUDY_DATE = '00080020';
const SERIES_DATE = '00080021';

export function imageDetailsOf(instance: DicomJsonInstance): ImageDetails {
  const date = formatDicomDate(stringValue(instance, STUDY_DATE) ?? stringValue(instance, SERIES_DATE));
  return {
    ...optional('modality', stringValue(instance, MODALITY)?.trim()),
    ...optional('seriesDescription', stringValue(instance, SERIES_DESCRIPTION)?.trim()),
    ...optional('date', date),
  };
}

/** DICOM DA (YYYYMMDD) as YYYY-MM-DD; anything else is not shown. */
export function formatDicomDate(value: string | undefined): string | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(value?.trim() ?? '');
  return match ? `${match[1]}-${match[2]}-${match[3]}` : undefined;
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value ? ({ [key]: value } as Record<K, string>) : {};
}
