/** A coded concept as DICOM writes it in a Code Sequence item (PS3.3 8.8). */
export interface CodedConcept {
  readonly codeValue: string;
  readonly codingSchemeDesignator: string;
  readonly codeMeaning: string;
}

/** SCT 85756007 'Tissue': the default Segmented Property Category and Type (CID 7150 / CID 7151). */
export const TISSUE: CodedConcept = Object.freeze({
  codeValue: '85756007',
  codingSchemeDesignator: 'SCT',
  codeMeaning: 'Tissue',
});

/** DCM 113076 'Segmentation': the Derivation Code of a SEG frame (CID 7203). */
export const SEGMENTATION_DERIVATION: CodedConcept = Object.freeze({
  codeValue: '113076',
  codingSchemeDesignator: 'DCM',
  codeMeaning: 'Segmentation',
});

/** DCM 121322 'Source image for image processing operation' (CID 7202, Purpose of Reference). */
export const SOURCE_IMAGE_PURPOSE: CodedConcept = Object.freeze({
  codeValue: '121322',
  codingSchemeDesignator: 'DCM',
  codeMeaning: 'Source image for image processing operation',
});

/** One item of a Code Sequence in dcmjs's naturalized form. */
export function codeItem(concept: CodedConcept): Record<string, string> {
  return {
    CodeValue: concept.codeValue,
    CodingSchemeDesignator: concept.codingSchemeDesignator,
    CodeMeaning: concept.codeMeaning,
  };
}
