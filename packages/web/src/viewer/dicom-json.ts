/** DICOM JSON (PS3.18 F.2) as the WADO-RS metadata route answers it: tag → {vr, Value?, BulkDataURI?}. */
export interface DicomJsonAttribute {
  readonly vr: string;
  readonly Value?: readonly unknown[];
  readonly BulkDataURI?: string;
  readonly InlineBinary?: string;
}

export type DicomJsonInstance = Readonly<Record<string, DicomJsonAttribute>>;

export const TAG = {
  SOPInstanceUID: '00080018',
  InstanceNumber: '00200013',
  ImagePositionPatient: '00200032',
  ImageOrientationPatient: '00200037',
  NumberOfFrames: '00280008',
} as const;

export function stringValue(instance: DicomJsonInstance, tag: string): string | undefined {
  const value = instance[tag]?.Value?.[0];
  return typeof value === 'string' ? value : undefined;
}

/** A numeric attribute's values; DS and IS may arrive as numbers or as strings. */
export function numberValues(instance: DicomJsonInstance, tag: string): number[] | undefined {
  const values = instance[tag]?.Value;
  if (!values || values.length === 0) return undefined;
  const numbers = values.map((v) => (typeof v === 'number' ? v : Number(v)));
  return numbers.every(Number.isFinite) ? numbers : undefined;
}
