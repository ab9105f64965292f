import type { DataSet } from 'dicom-parser';
import { items, text, uint16 } from '../dicom/attribute-values.js';
import { textReader } from '../dicom/character-set-text.js';
import { ImageReadError } from '../errors/image-read-error.js';

/** Segmentation Storage (PS3.4 B.5): the SOP class of a DICOM SEG image. */
export const SEGMENTATION_STORAGE = '1.2.840.10008.5.1.4.1.1.66.4';
/** Label Map Segmentation Storage (2024): pixels are segment numbers, a layout not read here. */
const LABEL_MAP_SEGMENTATION_STORAGE = '1.2.840.10008.5.1.4.1.1.66.7';

/** One item of the Segment Sequence (0062,0002). */
export interface SegSegment {
  readonly number: number;
  readonly label: string;
  readonly description?: string;
}

/** The Segmentation Image Module (PS3.3 C.8.20.2) as far as a label map needs it. */
export interface SegModule {
  readonly segmentationType: 'BINARY' | 'FRACTIONAL';
  /** FRACTIONAL: the stored value that means 1.0 (Maximum Fractional Value, 0062,000E). */
  readonly maxFractionalValue?: number;
  readonly segments: readonly SegSegment[];
}

function isSegmentation(ds: DataSet): boolean {
  const sopClass = text(ds, 'x00080016');
  if (sopClass === SEGMENTATION_STORAGE) return true;
  // A bare dataset cut from a file may lack its SOP Class; the modality and segments still say SEG.
  return sopClass === undefined && text(ds, 'x00080060') === 'SEG' && ds.elements.x00620002 !== undefined;
}

function readSegments(ds: DataSet): SegSegment[] {
  const localText = textReader(ds);
  const segments = items(ds, 'x00620002').map((item, i): SegSegment => {
    const number = uint16(item, 'x00620004');
    if (number === undefined || number === 0) {
      throw new ImageReadError(
        'INVALID_ATTRIBUTE',
        `item ${i + 1} of the Segment Sequence has no Segment Number (0062,0004) from 1 up`,
      );
    }
    const description = localText(item, 'x00620006');
    return { number, label: localText(item, 'x00620005') ?? '', ...(description ? { description } : {}) };
  });
  if (segments.length === 0)
    throw new ImageReadError('MISSING_ATTRIBUTE', 'the Segment Sequence (0062,0002) is missing or empty');
  const numbers = new Set(segments.map((s) => s.number));
  if (numbers.size !== segments.length)
    throw new ImageReadError('INVALID_ATTRIBUTE', 'the Segment Sequence repeats a Segment Number');
  return segments.sort((a, b) => a.number - b.number);
}

/** Reads and checks the segmentation module; a dataset that is not a SEG is refused by name. */
export function readSegModule(ds: DataSet): SegModule {
  const sopClass = text(ds, 'x00080016');
  if (sopClass === LABEL_MAP_SEGMENTATION_STORAGE) {
    throw new ImageReadError(
      'UNSUPPORTED_IMAGE',
      'Label Map Segmentation Storage is not read yet (only BINARY and FRACTIONAL Segmentation Storage)',
    );
  }
  if (!isSegmentation(ds)) {
    throw new ImageReadError(
      'UNSUPPORTED_IMAGE',
      `not a DICOM Segmentation: SOP Class UID is ${sopClass ?? 'absent'}, not ${SEGMENTATION_STORAGE}`,
    );
  }
  const type = text(ds, 'x00620001');
  if (type !== 'BINARY' && type !== 'FRACTIONAL') {
    throw new ImageReadError(
      type === undefined ? 'MISSING_ATTRIBUTE' : 'UNSUPPORTED_IMAGE',
      `Segmentation Type (0062,0001) is ${type ?? 'absent'}; BINARY and FRACTIONAL are read`,
    );
  }
  const segments = readSegments(ds);
  if (type === 'BINARY') return { segmentationType: type, segments };
  const maxFractionalValue = uint16(ds, 'x0062000e');
  if (!maxFractionalValue) {
    throw new ImageReadError(
      'MISSING_ATTRIBUTE',
      'a FRACTIONAL segmentation needs a Maximum Fractional Value (0062,000E) above 0',
    );
  }
  return { segmentationType: type, maxFractionalValue, segments };
}
