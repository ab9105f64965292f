import { readFile } from 'node:fs/promises';
import {
  assessBurnedInPart10,
  type BurnedInRule,
  blankRegionsPart10,
  burnedInRulesSchema,
  DEFAULT_BURNED_IN_RULES,
  type PixelRectangle,
} from '@voxelhub/core';
import { DeidUsageError } from './deid-inputs.js';

/** The rules a run uses, and where they came from (for the report). */
export interface BurnedInRules {
  readonly rules: readonly BurnedInRule[];
  /** The rule file as given, or 'default'. */
  readonly source: string;
}

/** What was found and done about burned-in text in one flagged DICOM file. */
export interface BurnedInOutcome {
  readonly reasons: readonly string[];
  /** Blacked out in every frame before de-identification; empty when no rule gave a rectangle. */
  readonly blanked: readonly PixelRectangle[];
  /** 'needs review': flagged, but nothing was blanked; the copy may still show burned-in text. */
  readonly status: 'blanked' | 'needs review';
}

/** Reads and checks a rule file (a JSON array of rules), or gives the defaults when none is named. */
export async function loadBurnedInRules(file: string | undefined): Promise<BurnedInRules> {
  if (file === undefined) return { rules: DEFAULT_BURNED_IN_RULES, source: 'default' };
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new DeidUsageError(`cannot read the burned-in rule file ${file}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new DeidUsageError(`the burned-in rule file ${file} is not JSON: ${(error as Error).message}`);
  }
  const parsed = burnedInRulesSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (i) => `${i.path.length ? i.path.join('.') : '(top)'}: ${i.message}`,
    );
    throw new DeidUsageError(`the burned-in rule file ${file} is not valid: ${problems.join('; ')}`);
  }
  return { rules: parsed.data, source: file };
}

/**
 * The DICOM file to de-identify: blanked where the matching rules say when it is flagged for burned-in
 * text, else as it was. Throws ImageReadError (naming `file`) when a flagged file cannot be blanked:
 * writing its copy unblanked would pass the text on.
 */
export async function withBurnedInTextBlanked(
  bytes: Uint8Array,
  rules: readonly BurnedInRule[],
  file: string,
): Promise<{ bytes: Uint8Array; burnedIn?: BurnedInOutcome }> {
  const assessment = assessBurnedInPart10(bytes, rules, file);
  if (!assessment.flagged) return { bytes };
  const { reasons, regions } = assessment;
  if (regions.length === 0) return { bytes, burnedIn: { reasons, blanked: [], status: 'needs review' } };
  const blanked = await blankRegionsPart10(bytes, regions, file);
  return { bytes: blanked, burnedIn: { reasons, blanked: regions, status: 'blanked' } };
}
