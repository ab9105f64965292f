/** The options of the Basic Application Level Confidentiality Profile that are columns of Table E.1-1. */
export const CONFIDENTIALITY_OPTIONS = [
  'retainSafePrivate',
  'retainUIDs',
  'retainDeviceIdentity',
  'retainInstitutionIdentity',
  'retainPatientCharacteristics',
  'retainLongitudinalFullDates',
  'retainLongitudinalModifiedDates',
  'cleanDescriptors',
  'cleanStructuredContent',
  'cleanGraphics',
] as const;

export type ConfidentialityOption = (typeof CONFIDENTIALITY_OPTIONS)[number];

export interface MethodCode {
  readonly value: string;
  readonly meaning: string;
}

/** DICOM CID 7050 "De-identification Method" codes (scheme DCM). */
export const BASIC_PROFILE_CODE: MethodCode = {
  value: '113100',
  meaning: 'Basic Application Confidentiality Profile',
};

export const OPTION_CODES: Record<ConfidentialityOption, MethodCode> = {
  cleanGraphics: { value: '113103', meaning: 'Clean Graphics Option' },
  cleanStructuredContent: { value: '113104', meaning: 'Clean Structured Content Option' },
  cleanDescriptors: { value: '113105', meaning: 'Clean Descriptors Option' },
  retainLongitudinalFullDates: {
    value: '113106',
    meaning: 'Retain Longitudinal Temporal Information Full Dates Option',
  },
  retainLongitudinalModifiedDates: {
    value: '113107',
    meaning: 'Retain Longitudinal Temporal Information Modified Dates Option',
  },
  retainPatientCharacteristics: { value: '113108', meaning: 'Retain Patient Characteristics Option' },
  retainDeviceIdentity: { value: '113109', meaning: 'Retain Device Identity Option' },
  retainUIDs: { value: '113110', meaning: 'Retain UIDs Option' },
  retainSafePrivate: { value: '113111', meaning: 'Retain Safe Private Option' },
  retainInstitutionIdentity: { value: '113112', meaning: 'Retain Institution Identity Option' },
};
