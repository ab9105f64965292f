import { z } from 'zod';

/** A display colour written `#rrggbb` (lower or upper case hex). */
export const hexColourSchema = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, { message: 'colour must be written #rrggbb' });

export type HexColour = z.infer<typeof hexColourSchema>;
