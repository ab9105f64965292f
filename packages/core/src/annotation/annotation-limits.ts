/**
 * Upper bounds on what one stored annotation may hold. Payloads arrive from browsers and scripts, so every
 * array and string is bounded before anything walks it.
 */
export const ANNOTATION_LIMITS = {
  /** Points in one contour, polygon or polyline. */
  maxPoints: 100_000,
  /** Runs in one inline RLE mask. */
  maxRleRuns: 1_000_000,
  /** Pixels covered by one inline RLE mask (width × height); larger masks belong in a label-map blob. */
  maxRlePixels: 4096 * 4096,
  /** Segments in one segmentation (DICOM SEG allows 16-bit segment numbers). */
  maxSegments: 65_535,
  /** Choices in one multiple-choice classification. */
  maxChoices: 1_000,
  /** Ids: image ids, label ids, blob keys, choice ids. */
  maxIdLength: 512,
  /** Short human-readable names: landmark and segment names, code meanings. */
  maxNameLength: 256,
  /** Free-text classification answers. */
  maxTextLength: 10_000,
} as const;
