import { z } from 'zod';

/** A pixel rectangle: x is the column and y the row of its top-left pixel, counted from the image's top-left. */
export const pixelRectangleSchema = z.strictObject({
  x: z.number().int().nonnegative(),
  y: z.number().int().nonnegative(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
});

export type PixelRectangle = z.infer<typeof pixelRectangleSchema>;

/**
 * A rule that flags images likely to carry burned-in text and, optionally, says where it is. Every
 * criterion given must match (a rule with none would match every image, so it is refused):
 * `modality` and `sopClassUid` exactly (modality case-insensitively), `manufacturer` and `model` as
 * case-insensitive substrings of Manufacturer and Manufacturer's Model Name, `rows`/`columns` exactly.
 * `blank` lists the rectangles to black out in every frame of a matching image.
 */
export const burnedInRuleSchema = z
  .strictObject({
    name: z.string().trim().min(1),
    modality: z.string().trim().min(1).optional(),
    sopClassUid: z.string().trim().min(1).optional(),
    manufacturer: z.string().trim().min(1).optional(),
    model: z.string().trim().min(1).optional(),
    rows: z.number().int().positive().optional(),
    columns: z.number().int().positive().optional(),
    blank: z.array(pixelRectangleSchema).optional(),
  })
  .refine(
    (rule) =>
      [rule.modality, rule.sopClassUid, rule.manufacturer, rule.model, rule.rows, rule.columns].some(
        (criterion) => criterion !== undefined,
      ),
    { message: 'a rule needs at least one of modality, sopClassUid, manufacturer, model, rows, columns' },
  );

export type BurnedInRule = z.infer<typeof burnedInRuleSchema>;

/** A rule file: a JSON array of rules. */
export const burnedInRulesSchema = z.array(burnedInRuleSchema);

// Secondary Capture SOP classes (PS3.4 B.5): screenshots and scanned documents, where text in the pixels
// is the norm rather than the exception.
const SECONDARY_CAPTURE = [
  ['Secondary Capture', '1.2.840.10008.5.1.4.1.1.7'],
  ['Multi-frame Single Bit Secondary Capture', '1.2.840.10008.5.1.4.1.1.7.1'],
  ['Multi-frame Grayscale Byte Secondary Capture', '1.2.840.10008.5.1.4.1.1.7.2'],
  ['Multi-frame Grayscale Word Secondary Capture', '1.2.840.10008.5.1.4.1.1.7.3'],
  ['Multi-frame True Color Secondary Capture', '1.2.840.10008.5.1.4.1.1.7.4'],
] as const;

/**
 * The rules used when none are configured. They only flag (no rectangles: where the text sits depends on
 * the device), so flagged files are reported as needing review. Chosen because these kinds are made by
 * capturing a screen or a video signal, on which devices draw the patient's name, ID and date:
 * - US: ultrasound scanners draw a header band with name, ID, date and institution on every frame;
 * - OT: "other", the modality that screen captures and scanned documents are usually given;
 * - ES, XC: endoscopy and external-camera photographs, video frames often captioned by the recorder;
 * - the Secondary Capture SOP classes, whatever modality they claim.
 */
export const DEFAULT_BURNED_IN_RULES: readonly BurnedInRule[] = Object.freeze([
  { name: 'Ultrasound (screen with header band)', modality: 'US' },
  { name: 'Other (screen captures, scanned documents)', modality: 'OT' },
  { name: 'Endoscopy video', modality: 'ES' },
  { name: 'External-camera photography', modality: 'XC' },
  ...SECONDARY_CAPTURE.map(([name, sopClassUid]) => ({ name, sopClassUid })),
]);
