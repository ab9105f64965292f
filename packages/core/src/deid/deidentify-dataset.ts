import { effectiveAction, isPrivateTag, tableRowFor } from './attribute-rules.js';
import {
  BASIC_PROFILE_CODE,
  type ConfidentialityOption,
  type MethodCode,
  OPTION_CODES,
} from './confidentiality-option.js';
import type { DicomDatasetJson, DicomElementJson, Part10Dataset } from './dcmjs-dataset.js';
import { type AppliedAction, DeidReport } from './deid-report.js';
import { dummySequenceItem } from './dummy-sequence-item.js';
import { dummyValue } from './dummy-value.js';
import { IdentifierScrubber } from './identifier-scrubber.js';
import { KeyedUidMap } from './keyed-uid-map.js';
import { retainedSafePrivateTags } from './safe-private-tags.js';
import { STRING_VRS } from './string-vrs.js';
import { shiftDate, shiftDateTime, subjectDayOffset } from './subject-date-shift.js';
import { subjectPseudonymSync } from './subject-pseudonym.js';
import type { ProfileAction } from './table-e1-1-row.js';
import {
  VOXELHUB_IMPLEMENTATION_CLASS_UID,
  VOXELHUB_IMPLEMENTATION_VERSION_NAME,
} from './voxelhub-implementation.js';

export interface DeidentifyOptions {
  /** The project key: UIDs and date offsets derive from it, so one key gives one consistent mapping. */
  readonly key: Uint8Array;
  readonly options?: readonly ConfidentialityOption[];
  /** Collects what was done; pass one report to many calls to sum over files. */
  readonly report?: DeidReport;
}

const NO_TAGS: ReadonlySet<string> = new Set();
const PATIENT_ID = '00100020';
const PATIENT_NAME = '00100010';
const ISSUER_OF_PATIENT_ID = '00100021';
const STUDY_INSTANCE_UID = '0020000D';
const FILE_META_VERSION = '00020001';
const IMPLEMENTATION_CLASS_UID = '00020012';
const IMPLEMENTATION_VERSION_NAME = '00020013';
/** Version, Media Storage SOP Class and Instance UIDs, Transfer Syntax UID. */
const FILE_META_KEPT = [FILE_META_VERSION, '00020002', '00020003', '00020010'];
const TEXT_VRS = new Set(['LO', 'LT', 'PN', 'SH', 'ST', 'UC', 'UT']);

interface Context {
  readonly options: ReadonlySet<ConfidentialityOption>;
  readonly uids: KeyedUidMap;
  readonly dayOffset: number;
  /** Built on first use: only the clean (C) actions of options need it, and collecting costs. */
  readonly scrubber: () => IdentifierScrubber;
  readonly report: DeidReport;
  readonly pseudonym: string;
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

const isGroupLength = (tag: string) => tag.endsWith('0000');

/** A sequence whose items hold only UIDs (and sequences of those): references, nothing else. */
function holdsOnlyReferences(element: DicomElementJson): boolean {
  const items = (element.Value ?? []) as DicomDatasetJson[];
  return (
    items.length > 0 &&
    items.every((item) => {
      const elements = Object.entries(item).filter(([tag]) => !isGroupLength(tag));
      return (
        elements.length > 0 &&
        elements.every(([, e]) => e.vr === 'UI' || (e.vr === 'SQ' && holdsOnlyReferences(e)))
      );
    })
  );
}

/** An item without its group lengths (retired, PS3.5 7.2): replaced UIDs change the lengths they state. */
function withoutGroupLengths(item: DicomDatasetJson): DicomDatasetJson {
  return Object.fromEntries(Object.entries(item).filter(([tag]) => !isGroupLength(tag)));
}

export class Deidentification {
  private constructor(private readonly context: Context) {}

  static start(dataset: Part10Dataset, settings: DeidentifyOptions): Deidentification {
    const options = new Set(settings.options ?? []);
    let scrubber: IdentifierScrubber | undefined;
    const lazyScrubber = () => {
      if (!scrubber) {
        scrubber = new IdentifierScrubber();
        collectIdentifiers(dataset.dict, options, scrubber);
      }
      return scrubber;
    };
    const original = (tag: string) =>
      stringValues(dataset.dict[tag] ?? { vr: 'LO' })
        .join('\\')
        .trim();
    const patientId = original(PATIENT_ID);
    const pseudonym = subjectPseudonymSync(settings.key, patientId, original(STUDY_INSTANCE_UID));
    const report = settings.report ?? new DeidReport();
    report.recordSubject({
      pseudonym,
      patientId,
      patientName: original(PATIENT_NAME),
      issuerOfPatientId: original(ISSUER_OF_PATIENT_ID),
    });
    return new Deidentification({
      options,
      uids: KeyedUidMap.forKey(settings.key),
      dayOffset: subjectDayOffset(settings.key, patientId),
      scrubber: lazyScrubber,
      report,
      pseudonym,
    });
  }

  dataset(dataset: DicomDatasetJson, cleaning: boolean): DicomDatasetJson {
    // Private blocks are scoped to their dataset (PS3.5 7.8.1): each item finds its own safe ones.
    const safePrivate = this.context.options.has('retainSafePrivate')
      ? retainedSafePrivateTags(dataset)
      : NO_TAGS;
    const out: DicomDatasetJson = {};
    for (const tag in dataset) {
      const processed = this.element(tag.toUpperCase(), dataset[tag]!, cleaning, safePrivate);
      if (processed) out[tag] = processed;
    }
    return out;
  }

  private record(tag: string, name: string, action: ProfileAction | '', applied: AppliedAction) {
    this.context.report.record(tag, name, action, applied);
  }

  private items(element: DicomElementJson, cleaning: boolean): DicomElementJson {
    const items = (element.Value ?? []) as DicomDatasetJson[];
    return { ...element, Value: items.map((item) => this.dataset(item, cleaning)) };
  }

  private replaceUids(element: DicomElementJson): DicomElementJson {
    const Value = (element.Value ?? []).map((v) =>
      typeof v === 'string' && v.trim() ? this.context.uids.replace(v) : v,
    );
    return { ...element, Value };
  }

  /** Attributes outside Table E.1-1 are kept, but dates move with the others under Modified Dates. */
  private unlisted(tag: string, element: DicomElementJson, cleaning: boolean): DicomElementJson {
    if (element.vr === 'SQ') return this.items(element, cleaning);
    if (
      this.context.options.has('retainLongitudinalModifiedDates') &&
      (element.vr === 'DA' || element.vr === 'DT')
    ) {
      this.record(tag, '', '', 'date-shifted');
      return this.shifted(element);
    }
    if (cleaning && TEXT_VRS.has(element.vr))
      return mapStrings(element, (s) => this.context.scrubber().scrub(s));
    return element;
  }

  private shifted(element: DicomElementJson): DicomElementJson {
    const days = this.context.dayOffset;
    if (element.vr === 'DA') return mapStrings(element, (s) => shiftDate(s, days));
    if (element.vr === 'DT') return mapStrings(element, (s) => shiftDateTime(s, days));
    return element; // TM: a whole-day shift leaves the time of day as it was.
  }

  private clean(tag: string, name: string, element: DicomElementJson): DicomElementJson {
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
    return STRING_VRS.has(element.vr)
      ? mapStrings(element, (s) => this.context.scrubber().scrub(s))
      : element;
  }

  private element(
    tag: string,
    element: DicomElementJson,
    cleaning: boolean,
    safePrivate: ReadonlySet<string>,
  ): DicomElementJson | undefined {
    const row = tableRowFor(tag);
    if (!row) return this.unlisted(tag, element, cleaning);
    const action = effectiveAction(row, this.context.options);
    const name = row.name;
    // Private attributes go, except under Retain Safe Private those PS3.15 Table E.3.10-1 lists as safe
    // for their creator (and the creators of their blocks).
    if (isPrivateTag(tag)) {
      if (!safePrivate.has(tag)) {
        this.record(tag, name, action, 'removed');
        return undefined;
      }
      this.record(tag, name, action, 'kept');
      if (element.vr === 'SQ') return this.items(element, cleaning);
      return element.vr === 'UI' ? this.replaceUids(element) : element;
    }
    // A reference sequence the profile would empty or dummy (Referenced Performed Procedure Step, X/Z/D;
    // Referenced Study, X/Z): its items hold nothing but UIDs, so it is kept with them replaced, as the
    // X/Z/U* rows are. Modules that use these sequences want one item (dciodvfy rejects zero, and an
    // empty item lacks its Type 1 UIDs), and the replaced UIDs keep the reference valid, identifying nobody.
    if (element.vr === 'SQ' && /[ZD]/.test(action) && holdsOnlyReferences(element)) {
      this.record(tag, name, action, 'uid-replaced');
      const items = (element.Value as DicomDatasetJson[]).map(withoutGroupLengths);
      return this.items({ ...element, Value: items }, cleaning);
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
        if (element.vr === 'SQ' && action.includes('Z'))
          return this.emptiedSequence(tag, name, action, element);
        return this.dummy(tag, name, action, element);
    }
  }

  /**
   * Z/D and X/Z/D on a sequence: Z, zero items. D would be an item, and an item needs its own Type 1
   * attributes (a Referenced Performed Procedure Step item without its SOP Class and Instance UIDs is
   * an error to dciodvfy), while an empty sequence is valid wherever the sequence is Type 2 or 3.
   */
  private emptiedSequence(
    tag: string,
    name: string,
    action: ProfileAction,
    element: DicomElementJson,
  ): DicomElementJson {
    this.record(tag, name, action, 'emptied');
    return { ...element, Value: [] };
  }

  private uid(tag: string, name: string, action: ProfileAction, element: DicomElementJson): DicomElementJson {
    if (element.vr !== 'UI') return this.dummy(tag, name, action, element);
    this.record(tag, name, action, 'uid-replaced');
    return this.replaceUids(element);
  }

  private dummy(
    tag: string,
    name: string,
    action: ProfileAction,
    element: DicomElementJson,
  ): DicomElementJson {
    this.record(tag, name, action, 'dummy');
    if (element.vr === 'UI') return this.replaceUids(element);
    // A sequence's dummy (D or X/D, no Z to choose) is one item of dummies: nothing of the original survives.
    if (element.vr === 'SQ') return { ...element, Value: [dummySequenceItem(tag)] };
    return { ...element, Value: dummyValue(element.vr) };
  }

  /**
   * Patient ID and Patient's Name become the subject's project pseudonym (PS3.15 E.1 allows a
   * replacement value for both): subjects stay distinct in the data without being identifiable.
   */
  pseudonymize(dataset: DicomDatasetJson): void {
    const { pseudonym } = this.context;
    dataset[PATIENT_ID] = { vr: 'LO', Value: [pseudonym] };
    dataset[PATIENT_NAME] = { vr: 'PN', Value: [{ Alphabetic: pseudonym }] };
    this.record(PATIENT_ID, 'Patient ID', 'Z/D', 'pseudonym');
    this.record(PATIENT_NAME, "Patient's Name", 'Z', 'pseudonym');
  }

  /**
   * The File Meta Information of the copy: the SOP Class, the replaced SOP Instance UID and the transfer
   * syntax, and Voxelhub as the implementation that wrote it (PS3.10 7.1). The original's AE titles and
   * private information describe how the original travelled, not this file, and are left out.
   */
  fileMeta(meta: DicomDatasetJson): DicomDatasetJson {
    const processed = this.dataset(meta, false);
    const out: DicomDatasetJson = {};
    for (const tag of FILE_META_KEPT) if (processed[tag]) out[tag] = processed[tag];
    out[FILE_META_VERSION] ??= { vr: 'OB', Value: [new Uint8Array([0, 1]).buffer] };
    out[IMPLEMENTATION_CLASS_UID] = { vr: 'UI', Value: [VOXELHUB_IMPLEMENTATION_CLASS_UID] };
    out[IMPLEMENTATION_VERSION_NAME] = { vr: 'SH', Value: [VOXELHUB_IMPLEMENTATION_VERSION_NAME] };
    return out;
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
export function deidentifyDatasetSync(dataset: Part10Dataset, settings: DeidentifyOptions): Part10Dataset {
  const run = Deidentification.start(dataset, settings);
  const dict = run.dataset(dataset.dict, false);
  run.pseudonymize(dict);
  run.markDeidentified(dict);
  return { meta: run.fileMeta(dataset.meta), dict };
}

/** deidentifyDatasetSync behind a promise, as callers written for the earlier asynchronous HMAC expect. */
export async function deidentifyDataset(
  dataset: Part10Dataset,
  settings: DeidentifyOptions,
): Promise<Part10Dataset> {
  return deidentifyDatasetSync(dataset, settings);
}
