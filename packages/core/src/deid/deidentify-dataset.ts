import { effectiveAction, isPrivateTag, tableRowFor } from './attribute-rules.js';
import {
  BASIC_PROFILE_CODE,
  type ConfidentialityOption,
  type MethodCode,
  OPTION_CODES,
} from './confidentiality-option.js';
import type { DicomDatasetJson, DicomElementJson, Part10Dataset } from './dcmjs-dataset.js';
import { type AppliedAction, DeidReport } from './deid-report.js';
import { dummyValue } from './dummy-value.js';
import { IdentifierScrubber } from './identifier-scrubber.js';
import { KeyedUidMap } from './keyed-uid-map.js';
import { shiftDate, shiftDateTime, subjectDayOffset } from './subject-date-shift.js';
import type { ProfileAction } from './table-e1-1-row.js';

export interface DeidentifyOptions {
  /** The project key: UIDs and date offsets derive from it, so one key gives one consistent mapping. */
  readonly key: Uint8Array;
  readonly options?: readonly ConfidentialityOption[];
  /** Collects what was done; pass one report to many calls to sum over files. */
  readonly report?: DeidReport;
}

const PATIENT_ID = '00100020';
const STRING_VRS = new Set([
  'AE',
  'AS',
  'CS',
  'DA',
  'DS',
  'DT',
  'IS',
  'LO',
  'LT',
  'PN',
  'SH',
  'ST',
  'TM',
  'UC',
  'UR',
  'UT',
]);
const TEXT_VRS = new Set(['LO', 'LT', 'PN', 'SH', 'ST', 'UC', 'UT']);

interface Context {
  readonly options: ReadonlySet<ConfidentialityOption>;
  readonly uids: KeyedUidMap;
  readonly dayOffset: number;
  readonly scrubber: IdentifierScrubber;
  readonly report: DeidReport;
}

/** The string values of an element; PN values as their alphabetic/ideographic/phonetic groups. */
function stringValues(element: DicomElementJson): string[] {
  return (element.Value ?? []).flatMap((v) => {
    if (typeof v === 'string') return [v];
    if (v && typeof v === 'object' && !(v instanceof ArrayBuffer)) {
      const pn = v as Record<string, unknown>;
      return [pn.Alphabetic, pn.Ideographic, pn.Phonetic].filter((s): s is string => typeof s === 'string');
    }
    return [];
  });
}

function mapStrings(element: DicomElementJson, map: (s: string) => string): DicomElementJson {
  const Value = (element.Value ?? []).map((v) => {
    if (typeof v === 'string') return map(v);
    if (v && typeof v === 'object' && !(v instanceof ArrayBuffer)) {
      const pn = { ...(v as Record<string, unknown>) };
      for (const group of ['Alphabetic', 'Ideographic', 'Phonetic'])
        if (typeof pn[group] === 'string') pn[group] = map(pn[group] as string);
      return pn;
    }
    return v;
  });
  return { ...element, Value };
}

/** Identifying values that the profile removes or replaces, to scrub them from text it keeps ("C"). */
function collectIdentifiers(
  dataset: DicomDatasetJson,
  options: ReadonlySet<ConfidentialityOption>,
  into: IdentifierScrubber,
) {
  for (const [tag, element] of Object.entries(dataset)) {
    if (element.vr === 'SQ') {
      for (const item of (element.Value ?? []) as DicomDatasetJson[]) collectIdentifiers(item, options, into);
      continue;
    }
    const row = tableRowFor(tag);
    if (!row || isPrivateTag(tag) || !STRING_VRS.has(element.vr)) continue;
    const action = effectiveAction(row, options);
    if (action !== 'K' && action !== 'C' && action !== 'U')
      for (const s of stringValues(element)) into.add(s);
  }
}

export class Deidentification {
  private constructor(private readonly context: Context) {}

  static async start(dataset: Part10Dataset, settings: DeidentifyOptions): Promise<Deidentification> {
    const options = new Set(settings.options ?? []);
    const scrubber = new IdentifierScrubber();
    collectIdentifiers(dataset.dict, options, scrubber);
    const patientId = stringValues(dataset.dict[PATIENT_ID] ?? { vr: 'LO' }).join('\\');
    return new Deidentification({
      options,
      uids: new KeyedUidMap(settings.key),
      dayOffset: await subjectDayOffset(settings.key, patientId),
      scrubber,
      report: settings.report ?? new DeidReport(),
    });
  }

  async dataset(dataset: DicomDatasetJson, cleaning: boolean): Promise<DicomDatasetJson> {
    const out: DicomDatasetJson = {};
    for (const [tag, element] of Object.entries(dataset)) {
      const processed = await this.element(tag.toUpperCase(), element, cleaning);
      if (processed) out[tag] = processed;
    }
    return out;
  }

  private record(tag: string, name: string, action: ProfileAction | '', applied: AppliedAction) {
    this.context.report.record(tag, name, action, applied);
  }

  private async items(element: DicomElementJson, cleaning: boolean): Promise<DicomElementJson> {
    const items = (element.Value ?? []) as DicomDatasetJson[];
    return { ...element, Value: await Promise.all(items.map((item) => this.dataset(item, cleaning))) };
  }

  private async replaceUids(element: DicomElementJson): Promise<DicomElementJson> {
    const Value = await Promise.all(
      (element.Value ?? []).map((v) =>
        typeof v === 'string' && v.trim() ? this.context.uids.replace(v) : v,
      ),
    );
    return { ...element, Value };
  }

  /** Attributes outside Table E.1-1 are kept, but dates move with the others under Modified Dates. */
  private async unlisted(
    tag: string,
    element: DicomElementJson,
    cleaning: boolean,
  ): Promise<DicomElementJson> {
    if (element.vr === 'SQ') return this.items(element, cleaning);
    if (
      this.context.options.has('retainLongitudinalModifiedDates') &&
      (element.vr === 'DA' || element.vr === 'DT')
    ) {
      this.record(tag, '', '', 'date-shifted');
      return this.shifted(element);
    }
    if (cleaning && TEXT_VRS.has(element.vr))
      return mapStrings(element, (s) => this.context.scrubber.scrub(s));
    return element;
  }

  private shifted(element: DicomElementJson): DicomElementJson {
    const days = this.context.dayOffset;
    if (element.vr === 'DA') return mapStrings(element, (s) => shiftDate(s, days));
    if (element.vr === 'DT') return mapStrings(element, (s) => shiftDateTime(s, days));
    return element; // TM: a whole-day shift leaves the time of day as it was.
  }

  private async clean(tag: string, name: string, element: DicomElementJson): Promise<DicomElementJson> {
    if (element.vr === 'SQ') {
      this.record(tag, name, 'C', 'cleaned');
      return this.items(element, true);
    }
    if (
      ['DA', 'DT', 'TM'].includes(element.vr) &&
      this.context.options.has('retainLongitudinalModifiedDates')
    ) {
      this.record(tag, name, 'C', 'date-shifted');
      return this.shifted(element);
    }
    this.record(tag, name, 'C', 'cleaned');
    if (element.vr === 'UI') return this.replaceUids(element);
    return STRING_VRS.has(element.vr) ? mapStrings(element, (s) => this.context.scrubber.scrub(s)) : element;
  }

  private async element(tag: string, element: DicomElementJson, cleaning: boolean) {
    const row = tableRowFor(tag);
    if (!row) return this.unlisted(tag, element, cleaning);
    const action = effectiveAction(row, this.context.options);
    const name = row.name;
    // No list of safe private attributes is at hand, so Retain Safe Private keeps none (its C removes all).
    if (isPrivateTag(tag)) {
      this.record(tag, name, action, 'removed');
      return undefined;
    }
    switch (action) {
      case 'K':
        this.record(tag, name, action, 'kept');
        return element.vr === 'SQ' ? this.items(element, cleaning) : element;
      case 'C':
        return this.clean(tag, name, element);
      case 'X':
        this.record(tag, name, action, 'removed');
        return undefined;
      // Without the IOD's attribute types, a combined action takes its least-removing choice, which is
      // valid whatever the type: Z for X/Z (Type 2 and 3), D for the ones offering D (Type 1 too).
      case 'Z':
      case 'X/Z':
        this.record(tag, name, action, 'emptied');
        return { ...element, Value: [] };
      case 'U':
        return this.uid(tag, name, action, element);
      case 'X/Z/U*':
        // A reference sequence: kept, and the UIDs inside are replaced by their own U rows.
        if (element.vr === 'SQ') {
          this.record(tag, name, action, 'uid-replaced');
          return this.items(element, cleaning);
        }
        return this.uid(tag, name, action, element);
      default:
        return this.dummy(tag, name, action, element);
    }
  }

  private async uid(tag: string, name: string, action: ProfileAction, element: DicomElementJson) {
    if (element.vr !== 'UI') return this.dummy(tag, name, action, element);
    this.record(tag, name, action, 'uid-replaced');
    return this.replaceUids(element);
  }

  private async dummy(tag: string, name: string, action: ProfileAction, element: DicomElementJson) {
    this.record(tag, name, action, 'dummy');
    if (element.vr === 'UI') return this.replaceUids(element);
    // A sequence's dummy is one empty item: no content of the original can survive in it.
    if (element.vr === 'SQ') return { ...element, Value: [{}] };
    return { ...element, Value: dummyValue(element.vr) };
  }

  /** PatientIdentityRemoved, DeidentificationMethod(CodeSequence) and LongitudinalTemporalInformationModified. */
  markDeidentified(dataset: DicomDatasetJson): void {
    const options = [...this.context.options].sort();
    const codes: MethodCode[] = [BASIC_PROFILE_CODE, ...options.map((o) => OPTION_CODES[o])];
    dataset['00120062'] = { vr: 'CS', Value: ['YES'] };
    dataset['00120063'] = { vr: 'LO', Value: ['Voxelhub PS3.15 E.1 Basic Profile', ...options] };
    dataset['00120064'] = {
      vr: 'SQ',
      Value: codes.map((c) => ({
        '00080100': { vr: 'SH', Value: [c.value] },
        '00080102': { vr: 'SH', Value: ['DCM'] },
        '00080104': { vr: 'LO', Value: [c.meaning] },
      })),
    };
    const temporal = this.context.options.has('retainLongitudinalFullDates')
      ? 'UNMODIFIED'
      : this.context.options.has('retainLongitudinalModifiedDates')
        ? 'MODIFIED'
        : 'REMOVED';
    dataset['00280303'] = { vr: 'CS', Value: [temporal] };
  }
}

/**
 * Applies the Basic Application Level Confidentiality Profile of PS3.15 Annex E, with `options`, to a
 * dataset and its File Meta Information, recursing into sequences. The input is not modified.
 */
export async function deidentifyDataset(
  dataset: Part10Dataset,
  settings: DeidentifyOptions,
): Promise<Part10Dataset> {
  const run = await Deidentification.start(dataset, settings);
  const dict = await run.dataset(dataset.dict, false);
  run.markDeidentified(dict);
  return { meta: await run.dataset(dataset.meta, false), dict };
}
