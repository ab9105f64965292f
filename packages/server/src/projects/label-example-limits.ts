/** What a label's guideline example image may be: a picture for people, not a study to annotate. */
export const EXAMPLE_MEDIA_TYPES = ['image/png', 'image/jpeg'] as const;
export type ExampleMediaType = (typeof EXAMPLE_MEDIA_TYPES)[number];

export const EXAMPLE_LIMITS = {
  /** Bytes of one upload. */
  maxBytes: 10 * 1024 * 1024,
  /** Examples per label. */
  maxPerLabel: 12,
  /** Width × height: a 4096 × 4096 picture at most, so checking one decodes at most 64 MB of pixels. */
  maxPixels: 4096 * 4096,
  maxCaptionLength: 500,
} as const;
