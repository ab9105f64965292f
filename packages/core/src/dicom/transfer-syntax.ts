/** What Voxelhub needs to know about a transfer syntax to parse its dataset and decode its pixels. */
export interface TransferSyntax {
  readonly uid: string;
  readonly name: string;
  readonly explicitVR: boolean;
  readonly littleEndian: boolean;
  readonly deflated: boolean;
  /** Pixel data in fragments (compressed) rather than native. */
  readonly encapsulated: boolean;
}

function syntax(
  uid: string,
  name: string,
  rest: Partial<Omit<TransferSyntax, 'uid' | 'name'>> = {},
): TransferSyntax {
  return Object.freeze({
    uid,
    name,
    explicitVR: true,
    littleEndian: true,
    deflated: false,
    encapsulated: true,
    ...rest,
  });
}

export const IMPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2';
export const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';
export const DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1.99';
export const EXPLICIT_VR_BIG_ENDIAN = '1.2.840.10008.1.2.2';

const KNOWN: readonly TransferSyntax[] = [
  syntax(IMPLICIT_VR_LITTLE_ENDIAN, 'Implicit VR Little Endian', { explicitVR: false, encapsulated: false }),
  syntax(EXPLICIT_VR_LITTLE_ENDIAN, 'Explicit VR Little Endian', { encapsulated: false }),
  syntax(DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN, 'Deflated Explicit VR Little Endian', {
    deflated: true,
    encapsulated: false,
  }),
  syntax(EXPLICIT_VR_BIG_ENDIAN, 'Explicit VR Big Endian', { littleEndian: false, encapsulated: false }),
  syntax('1.2.840.10008.1.2.1.98', 'Encapsulated Uncompressed Explicit VR Little Endian'),
  syntax('1.2.840.10008.1.2.4.50', 'JPEG Baseline (Process 1)'),
  syntax('1.2.840.10008.1.2.4.51', 'JPEG Extended (Process 2 & 4)'),
  syntax('1.2.840.10008.1.2.4.57', 'JPEG Lossless, Non-Hierarchical (Process 14)'),
  syntax('1.2.840.10008.1.2.4.70', 'JPEG Lossless, First-Order Prediction (Process 14 SV1)'),
  syntax('1.2.840.10008.1.2.4.80', 'JPEG-LS Lossless'),
  syntax('1.2.840.10008.1.2.4.81', 'JPEG-LS Near-Lossless'),
  syntax('1.2.840.10008.1.2.4.90', 'JPEG 2000 (Lossless Only)'),
  syntax('1.2.840.10008.1.2.4.91', 'JPEG 2000'),
  syntax('1.2.840.10008.1.2.4.201', 'High-Throughput JPEG 2000 (Lossless Only)'),
  syntax('1.2.840.10008.1.2.4.202', 'High-Throughput JPEG 2000 with RPCL Options (Lossless Only)'),
  syntax('1.2.840.10008.1.2.4.203', 'High-Throughput JPEG 2000'),
  syntax('1.2.840.10008.1.2.5', 'RLE Lossless'),
];

const BY_UID = new Map(KNOWN.map((ts) => [ts.uid, ts]));

/** The transfer syntax with this UID, or undefined when Voxelhub does not know it. */
export function transferSyntax(uid: string): TransferSyntax | undefined {
  return BY_UID.get(uid.replace(/\0/g, '').trim());
}

export function transferSyntaxName(uid: string): string {
  return transferSyntax(uid)?.name ?? `unknown transfer syntax ${uid}`;
}
