// The small part of dcmjs (which ships no types) that the demo dataset generator uses.
declare module 'dcmjs' {
  /** One element in dcmjs's "denaturalized" (DICOM JSON-like) form, keyed by 8-hex-digit tag. */
  interface DicomElement {
    vr: string;
    Value: unknown[];
  }
  type DicomJson = Record<string, DicomElement>;

  class DicomDict {
    constructor(meta: DicomJson);
    meta: DicomJson;
    dict: DicomJson;
    write(options?: { allowInvalidVRLength?: boolean }): ArrayBuffer;
  }

  const dcmjs: {
    data: {
      DicomDict: typeof DicomDict;
      DicomMetaDictionary: {
        denaturalizeDataset(dataset: Record<string, unknown>): DicomJson;
      };
    };
  };
  export default dcmjs;
  export type { DicomElement, DicomJson };
}
