/** The de-identification shapes of the API (packages/server/src/projects/project-settings.ts, privacy-routes.ts). */
import type { BurnedInRule, ConfidentialityOption, PixelRectangle } from '@voxelhub/core';

export type { BurnedInRule, ConfidentialityOption, PixelRectangle };

/** settings.deidentification of a project: how images are de-identified on import. */
export interface DeidentificationSettings {
  readonly options: readonly ConfidentialityOption[];
  readonly burnedInRules: readonly BurnedInRule[];
}

/** An image held for review of burned-in text, as GET …/held-images lists it. */
export interface HeldImage {
  readonly id: string;
  readonly format: string;
  readonly modality: string | null;
  readonly reasons: readonly string[];
  /** Regions the matching rules already blanked, in image pixels. */
  readonly blanked: readonly PixelRectangle[];
  readonly createdAt: string;
}
