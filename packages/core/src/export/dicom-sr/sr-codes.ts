import type { CodedConcept as AnnotationConcept } from '../../annotation/coded-concept.js';
import type { CodedConcept } from '../dicom-seg/coded-concept.js';

/**
 * The DICOM codes the measurement report is built from (PS3.16 Annex D for DCM, as dcmjs's TID 1500
 * classes and dcmqi's tid1500writer write them). docs/export-dicom-sr.md lists each with its template row.
 */
function dcm(codeValue: string, codeMeaning: string): CodedConcept {
  return Object.freeze({ codeValue, codingSchemeDesignator: 'DCM', codeMeaning });
}

export const SR_CODES = Object.freeze({
  /** TID 1500 root (CID 7021 Measurement Report Document Titles). */
  imagingMeasurementReport: dcm('126000', 'Imaging Measurement Report'),
  /** TID 1204 Language of Content Item and Descendants, and its Country of Language modifier. */
  language: dcm('121049', 'Language of Content Item and Descendants'),
  countryOfLanguage: dcm('121046', 'Country of Language'),
  /** TID 1001/1002/1004 Observation context. */
  observerType: dcm('121005', 'Observer Type'),
  person: dcm('121006', 'Person'),
  device: dcm('121007', 'Device'),
  personObserverName: dcm('121008', 'Person Observer Name'),
  deviceObserverUid: dcm('121012', 'Device Observer UID'),
  deviceObserverName: dcm('121013', 'Device Observer Name'),
  /** TID 1500 row 4. */
  procedureReported: dcm('121058', 'Procedure reported'),
  /** TID 1600 Image Library and its group. */
  imageLibrary: dcm('111028', 'Image Library'),
  imageLibraryGroup: dcm('126200', 'Image Library Group'),
  /** TID 1500 row 6. */
  imagingMeasurements: dcm('126010', 'Imaging Measurements'),
  /** TID 1501 / TID 1410 group container. */
  measurementGroup: dcm('125007', 'Measurement Group'),
  trackingIdentifier: dcm('112039', 'Tracking Identifier'),
  trackingUniqueIdentifier: dcm('112040', 'Tracking Unique Identifier'),
  finding: dcm('121071', 'Finding'),
  /** TID 1410 row 7: the region a planar ROI's measurements are of. */
  imageRegion: dcm('111030', 'Image Region'),
});

/** English (United States), the TID 1204 default. */
export const ENGLISH: CodedConcept = Object.freeze({
  codeValue: 'en-US',
  codingSchemeDesignator: 'RFC5646',
  codeMeaning: 'English (United States)',
});
export const UNITED_STATES: CodedConcept = Object.freeze({
  codeValue: 'US',
  codingSchemeDesignator: 'ISO3166_1',
  codeMeaning: 'United States',
});

/** SCT 363679005 'Imaging procedure' (CID 100), the Procedure reported dcmjs writes by default. */
export const IMAGING_PROCEDURE: CodedConcept = Object.freeze({
  codeValue: '363679005',
  codingSchemeDesignator: 'SCT',
  codeMeaning: 'Imaging procedure',
});

/**
 * Voxelhub's private coding scheme for label names (PS3.3 8.1: designators starting with '99' are
 * private): Code Value the label's class index, Code Meaning its name.
 */
export const LABEL_SCHEME = '99VOXELHUB';

/**
 * Code Meaning is LO (PS3.5 6.2): at most 64 characters and no backslash, while Voxelhub allows longer
 * names; a longer meaning is cut (a reader matches codes by value and scheme, not meaning).
 */
export function codeMeaning(text: string): string {
  return text.replaceAll('\\', '/').slice(0, 64);
}

export function fromAnnotationConcept(c: AnnotationConcept): CodedConcept {
  return { codeValue: c.value, codingSchemeDesignator: c.scheme, codeMeaning: codeMeaning(c.meaning) };
}

export function toAnnotationConcept(c: CodedConcept): AnnotationConcept {
  return { value: c.codeValue, scheme: c.codingSchemeDesignator, meaning: c.codeMeaning };
}
