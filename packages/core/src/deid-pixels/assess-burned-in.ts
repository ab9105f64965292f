import { text } from '../dicom/attribute-values.js';
import { type DataSet, parseDicom } from '../dicom/parse-dicom.js';
import { asReadError } from '../errors/image-read-error.js';
import type { BurnedInRule, PixelRectangle } from './burned-in-rule.js';

/** The attributes that decide whether an image may carry burned-in text. */
export interface BurnedInFacts {
  /** Burned In Annotation (0028,0301): 'YES', 'NO' or absent. */
  readonly burnedInAnnotation?: string;
  readonly modality?: string;
  readonly sopClassUid?: string;
  readonly manufacturer?: string;
  /** Manufacturer's Model Name (0008,1090). */
  readonly model?: string;
  readonly rows?: number;
  readonly columns?: number;
}

export interface BurnedInAssessment {
  readonly flagged: boolean;
  /** Why, in words: one entry for Burned In Annotation YES, one per matching rule. */
  readonly reasons: readonly string[];
  /** The matching rules' rectangles, clipped to the image, duplicates dropped. */
  readonly regions: readonly PixelRectangle[];
}

const sameText = (a: string, b: string) => a.trim().toUpperCase() === b.trim().toUpperCase();
const containsText = (value: string, part: string) => value.toUpperCase().includes(part.trim().toUpperCase());

/** True when every criterion the rule gives matches the facts; an absent attribute matches nothing. */
export function ruleMatches(rule: BurnedInRule, facts: BurnedInFacts): boolean {
  const checks: boolean[] = [];
  if (rule.modality !== undefined)
    checks.push(facts.modality !== undefined && sameText(facts.modality, rule.modality));
  if (rule.sopClassUid !== undefined) checks.push(facts.sopClassUid?.trim() === rule.sopClassUid.trim());
  if (rule.manufacturer !== undefined)
    checks.push(facts.manufacturer !== undefined && containsText(facts.manufacturer, rule.manufacturer));
  if (rule.model !== undefined)
    checks.push(facts.model !== undefined && containsText(facts.model, rule.model));
  if (rule.rows !== undefined) checks.push(facts.rows === rule.rows);
  if (rule.columns !== undefined) checks.push(facts.columns === rule.columns);
  return checks.length > 0 && checks.every(Boolean);
}

/** The part of `r` inside a rows × columns image, or undefined when none is. */
export function clipRectangle(r: PixelRectangle, rows: number, columns: number): PixelRectangle | undefined {
  const x = Math.min(r.x, columns);
  const y = Math.min(r.y, rows);
  const width = Math.min(r.x + r.width, columns) - x;
  const height = Math.min(r.y + r.height, rows) - y;
  return width > 0 && height > 0 ? { x, y, width, height } : undefined;
}

function clippedRegions(rules: readonly BurnedInRule[], facts: BurnedInFacts): PixelRectangle[] {
  const seen = new Set<string>();
  const regions: PixelRectangle[] = [];
  for (const rule of rules) {
    for (const r of rule.blank ?? []) {
      // Without the image size (no Rows/Columns) the rectangles stay as given; blanking clips them again.
      const clipped =
        facts.rows !== undefined && facts.columns !== undefined
          ? clipRectangle(r, facts.rows, facts.columns)
          : r;
      const key = clipped && `${clipped.x},${clipped.y},${clipped.width},${clipped.height}`;
      if (clipped && key && !seen.has(key)) {
        seen.add(key);
        regions.push(clipped);
      }
    }
  }
  return regions;
}

/** Whether an image with these facts is flagged for burned-in text, why, and what to blank. */
export function assessBurnedIn(facts: BurnedInFacts, rules: readonly BurnedInRule[]): BurnedInAssessment {
  const reasons: string[] = [];
  if (facts.burnedInAnnotation !== undefined && sameText(facts.burnedInAnnotation, 'YES'))
    reasons.push('BurnedInAnnotation is YES');
  const matching = rules.filter((rule) => ruleMatches(rule, facts));
  for (const rule of matching) reasons.push(`rule '${rule.name}' matched`);
  return { flagged: reasons.length > 0, reasons, regions: clippedRegions(matching, facts) };
}

const TAGS = {
  burnedInAnnotation: 'x00280301',
  modality: 'x00080060',
  sopClassUid: 'x00080016',
  manufacturer: 'x00080070',
  model: 'x00081090',
  rows: 'x00280010',
  columns: 'x00280011',
} as const;

/** The facts of a parsed dataset (Rows and Columns only when the image has pixel data's size). */
export function burnedInFacts(dataSet: DataSet): BurnedInFacts {
  const value = (tag: string) => text(dataSet, tag);
  const size = (tag: string) => (dataSet.elements[tag]?.length ? dataSet.uint16(tag) : undefined);
  const facts: Record<string, string | number | undefined> = {
    burnedInAnnotation: value(TAGS.burnedInAnnotation),
    modality: value(TAGS.modality),
    sopClassUid: value(TAGS.sopClassUid),
    manufacturer: value(TAGS.manufacturer),
    model: value(TAGS.model),
    rows: size(TAGS.rows),
    columns: size(TAGS.columns),
  };
  return Object.fromEntries(Object.entries(facts).filter(([, v]) => v !== undefined)) as BurnedInFacts;
}

/** assessBurnedIn on a Part 10 file (or bare dataset), reading only its header. Errors name `file`. */
export function assessBurnedInPart10(
  bytes: Uint8Array,
  rules: readonly BurnedInRule[],
  file?: string,
): BurnedInAssessment & { readonly facts: BurnedInFacts } {
  try {
    const { dataSet } = parseDicom(bytes, { untilPixelData: true, ...(file ? { file } : {}) });
    const facts = burnedInFacts(dataSet);
    return { ...assessBurnedIn(facts, rules), facts };
  } catch (error) {
    throw asReadError(error, 'MALFORMED', file);
  }
}
