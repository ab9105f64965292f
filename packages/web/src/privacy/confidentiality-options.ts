import type { ConfidentialityOption } from './privacy-types.js';

export interface OptionChoice {
  readonly option: ConfidentialityOption;
  /** The option's name in PS3.15 Table E.1-1. */
  readonly title: string;
  /** What choosing it keeps or changes, in one line. */
  readonly explanation: string;
}

/**
 * The PS3.15 Basic Profile options a project may choose, in the standard's column order. Retain options
 * keep something the Basic Profile removes; Clean options keep a kind of content after taking the
 * identifying values out of it.
 */
export const OPTION_CHOICES: readonly OptionChoice[] = [
  {
    option: 'retainSafePrivate',
    title: 'Retain Safe Private',
    explanation: 'Keep private (vendor) attributes known to hold no identity, e.g. diffusion b-values.',
  },
  {
    option: 'retainUIDs',
    title: 'Retain UIDs',
    explanation: 'Keep the original study, series and instance UIDs instead of keyed replacements.',
  },
  {
    option: 'retainDeviceIdentity',
    title: 'Retain Device Identity',
    explanation: 'Keep the scanner’s serial number, station name and similar device identifiers.',
  },
  {
    option: 'retainInstitutionIdentity',
    title: 'Retain Institution Identity',
    explanation: 'Keep the names and addresses of the hospital and department.',
  },
  {
    option: 'retainPatientCharacteristics',
    title: 'Retain Patient Characteristics',
    explanation: 'Keep sex, age, size, weight and similar characteristics (not name, ID or birth date).',
  },
  {
    option: 'retainLongitudinalFullDates',
    title: 'Retain Longitudinal Temporal Information, Full Dates',
    explanation: 'Keep the real dates and times (they can help identify a patient).',
  },
  {
    option: 'retainLongitudinalModifiedDates',
    title: 'Retain Longitudinal Temporal Information, Modified Dates',
    explanation: 'Shift every date by one offset per subject, so intervals between studies survive.',
  },
  {
    option: 'cleanDescriptors',
    title: 'Clean Descriptors',
    explanation: 'Keep study and series descriptions, with identifying values found in the file removed.',
  },
  {
    option: 'cleanStructuredContent',
    title: 'Clean Structured Content',
    explanation: 'Keep structured reports’ content, with identifying values removed from it.',
  },
  {
    option: 'cleanGraphics',
    title: 'Clean Graphics',
    explanation: 'Keep overlays and graphic annotations, with identifying text removed from them.',
  },
];

/** The chosen options with `option` switched on or off, in the standard's order (a stable request body). */
export function toggleOption(
  chosen: readonly ConfidentialityOption[],
  option: ConfidentialityOption,
  on: boolean,
): ConfidentialityOption[] {
  const next = new Set(chosen);
  if (on) next.add(option);
  else next.delete(option);
  return OPTION_CHOICES.map((c) => c.option).filter((o) => next.has(o));
}

/**
 * The pairs PS3.15 makes exclusive: full and modified dates are two ways of keeping the same dates, so a
 * project keeps one; choosing one drops the other.
 */
export function withExclusiveDates(
  chosen: readonly ConfidentialityOption[],
  option: ConfidentialityOption,
  on: boolean,
): ConfidentialityOption[] {
  const next = toggleOption(chosen, option, on);
  if (!on) return next;
  if (option === 'retainLongitudinalFullDates')
    return toggleOption(next, 'retainLongitudinalModifiedDates', false);
  if (option === 'retainLongitudinalModifiedDates')
    return toggleOption(next, 'retainLongitudinalFullDates', false);
  return next;
}
