// The small part of dcmjs (which ships no types) that DICOMweb uses: reading a Part 10 file into its
// DICOM JSON-like dictionary, and the keyword dictionary.
declare module 'dcmjs' {
  interface DcmjsElement {
    vr: string;
    Value?: unknown[];
  }
  type DcmjsDict = Record<string, DcmjsElement>;

  interface DictionaryEntry {
    /** '(0010,0010)' */
    tag: string;
    vr: string;
    name: string;
  }

  const dcmjs: {
    log: { setLevel(level: string): void; getLogger(name: string): { setLevel(level: string): void } };
    data: {
      DicomMessage: {
        readFile(
          buffer: ArrayBuffer,
          options?: { ignoreErrors?: boolean; untilTag?: string | null; includeUntilTagValue?: boolean },
        ): { meta: DcmjsDict; dict: DcmjsDict };
      };
      DicomMetaDictionary: {
        /** By keyword, e.g. nameMap.PatientName. */
        nameMap: Record<string, DictionaryEntry>;
        /** By '(gggg,eeee)'. */
        dictionary: Record<string, DictionaryEntry>;
      };
    };
  };
  export default dcmjs;
  export type { DcmjsDict, DcmjsElement, DictionaryEntry };
}
