import { type ImageGeometry, indexToPatient } from '@voxelhub/core/geometry';
import type { DicomJsonAttribute, DicomJsonInstance } from '../dicom-json.js';
import type { PixelStorage } from './pixel-storage.js';

/** What the DICOM JSON of an API image's slices says, beyond its geometry and pixel storage. */
export interface SynthesisFacts {
  readonly geometry: ImageGeometry;
  readonly storage: PixelStorage;
  /** The image record's modality, else 'OT' (other): NIfTI, PNG and JPEG record none. */
  readonly modality: string;
  readonly seriesDescription: string;
  /** The window every slice opens with (the volume's value range); none for colour. */
  readonly window?: { readonly center: number; readonly width: number };
  /** A UID prefix of this image (uidRootOf): its study, series, frame of reference and slices hang below it. */
  readonly uidRoot: string;
}

const SECONDARY_CAPTURE = '1.2.840.10008.5.1.4.1.1.7';

/** The UUID of an image as a DICOM UID (2.25 + the UUID as one decimal number, PS3.5 B.2). */
export function uidRootOf(uuid: string): string {
  const hex = uuid.replace(/-/g, '');
  if (!/^[0-9a-f]{32}$/i.test(hex)) throw new Error(`image id ${uuid} is not a UUID`);
  return `2.25.${BigInt(`0x${hex}`).toString()}`;
}

/** The frame of reference every slice of the image shares (the annotation tools group slices by it). */
export function frameOfReferenceUidOf(uidRoot: string): string {
  return `${uidRoot}.3`;
}

const attribute = (vr: string, ...values: readonly unknown[]): DicomJsonAttribute => ({ vr, Value: values });

/**
 * One DICOM JSON instance per slice, as the WADO-RS metadata of a series of single-frame slices would
 * read: slice k lies at indexToPatient(geometry, [0, 0, k]), rows run along index axis 0 and columns
 * along index axis 1 (ImageOrientationPatient from the direction's first two columns, in LPS).
 */
export function synthesiseInstances(facts: SynthesisFacts): DicomJsonInstance[] {
  const { geometry, storage, uidRoot } = facts;
  const [columns, rows, slices] = geometry.dims;
  const d = geometry.direction;
  const orientation = [d[0], d[3], d[6], d[1], d[4], d[7]];
  const shared: Record<string, DicomJsonAttribute> = {
    '00080016': attribute('UI', SECONDARY_CAPTURE),
    '00080060': attribute('CS', facts.modality),
    '0008103E': attribute('LO', facts.seriesDescription),
    '0020000D': attribute('UI', `${uidRoot}.1`),
    '0020000E': attribute('UI', `${uidRoot}.2`),
    '00200052': attribute('UI', frameOfReferenceUidOf(uidRoot)),
    '00200037': attribute('DS', ...orientation),
    // Row spacing (between rows, along index axis 1) first, as DICOM orders it.
    '00280030': attribute('DS', geometry.spacing[1], geometry.spacing[0]),
    '00180050': attribute('DS', geometry.spacing[2]),
    '00280002': attribute('US', storage.samplesPerPixel),
    '00280004': attribute('CS', storage.photometricInterpretation),
    '00280008': attribute('IS', 1),
    '00280010': attribute('US', rows),
    '00280011': attribute('US', columns),
    '00280100': attribute('US', storage.bitsAllocated),
    '00280101': attribute('US', storage.bitsAllocated),
    '00280102': attribute('US', storage.bitsAllocated - 1),
    '00280103': attribute('US', storage.pixelRepresentation),
    // The slices hold real values already (NIfTI scl_slope/scl_inter applied by core's reader).
    '00281052': attribute('DS', 0),
    '00281053': attribute('DS', 1),
    ...(storage.samplesPerPixel === 3 ? { '00280006': attribute('US', 0) } : {}),
    ...(facts.window
      ? {
          '00281050': attribute('DS', facts.window.center),
          '00281051': attribute('DS', facts.window.width),
        }
      : {}),
  };
  return Array.from({ length: slices }, (_, k) => ({
    ...shared,
    '00080018': attribute('UI', `${uidRoot}.4.${k + 1}`),
    '00200013': attribute('IS', k + 1),
    '00200032': attribute('DS', ...indexToPatient(geometry, [0, 0, k])),
  }));
}

/** A window spanning the values from `min` to `max` (1 wide for a flat image, so it still shows). */
export function windowOfRange({ min, max }: { readonly min: number; readonly max: number }): {
  readonly center: number;
  readonly width: number;
} {
  return { center: (min + max) / 2, width: max > min ? max - min : 1 };
}
