/** A display window: the width and centre (level) of the value range mapped from black to white. */
export interface WindowLevel {
  readonly width: number;
  readonly center: number;
}

export type PresetId = 'lung' | 'soft-tissue' | 'bone' | 'brain' | 'liver' | 'auto';

export interface WindowPreset {
  readonly id: PresetId;
  readonly label: string;
  /** Undefined for 'auto', which takes the window from the image itself. */
  readonly window?: WindowLevel;
}

/**
 * The CT windows radiologists use, in Hounsfield units (Radiopaedia's "Windowing (CT)" values):
 * lung W1500/L-600, soft tissue and mediastinum W400/L40, bone W1800/L400, brain W80/L40, liver W150/L30.
 */
export const CT_PRESETS: readonly WindowPreset[] = [
  { id: 'lung', label: 'Lung', window: { width: 1500, center: -600 } },
  { id: 'soft-tissue', label: 'Soft tissue', window: { width: 400, center: 40 } },
  { id: 'bone', label: 'Bone', window: { width: 1800, center: 400 } },
  { id: 'brain', label: 'Brain', window: { width: 80, center: 40 } },
  { id: 'liver', label: 'Liver', window: { width: 150, center: 30 } },
];

export const AUTO_PRESET: WindowPreset = { id: 'auto', label: 'Auto' };

/**
 * The presets a modality offers. Fixed windows only mean something on a calibrated scale (CT's
 * Hounsfield units); MR, US and radiographs get 'auto' alone, which reads the window from the image.
 */
export function presetsFor(modality: string | undefined): readonly WindowPreset[] {
  return modality === 'CT' ? [...CT_PRESETS, AUTO_PRESET] : [AUTO_PRESET];
}

/** The value range a window covers, as Cornerstone3D's `voiRange` wants it. */
export function voiRangeOf({ width, center }: WindowLevel): { lower: number; upper: number } {
  return { lower: center - width / 2, upper: center + width / 2 };
}

export function windowOfRange({ lower, upper }: { lower: number; upper: number }): WindowLevel {
  return { width: upper - lower, center: (upper + lower) / 2 };
}

/** What an image says about its own display: the DICOM window (may be multi-valued) and its value span. */
export interface ImageWindowHints {
  readonly windowWidth?: number | readonly number[];
  readonly windowCenter?: number | readonly number[];
  readonly minPixelValue?: number;
  readonly maxPixelValue?: number;
}

/**
 * The automatic window: the image's first stored window when it has one (the modality chose it),
 * else its full value span (min..max), else undefined.
 */
export function autoWindow(hints: ImageWindowHints): WindowLevel | undefined {
  const width = firstOf(hints.windowWidth);
  const center = firstOf(hints.windowCenter);
  if (width !== undefined && center !== undefined && width > 0) return { width, center };
  const { minPixelValue: min, maxPixelValue: max } = hints;
  if (min === undefined || max === undefined || !Number.isFinite(min) || !Number.isFinite(max))
    return undefined;
  // A flat image still needs a non-zero width, or every value maps to one grey.
  return { width: Math.max(1, max - min), center: (max + min) / 2 };
}

function firstOf(value: number | readonly number[] | undefined): number | undefined {
  const first = typeof value === 'number' ? value : value?.[0];
  return first !== undefined && Number.isFinite(first) ? first : undefined;
}
