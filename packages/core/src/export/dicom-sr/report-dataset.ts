import { newDicomUid } from '../dicom-seg/dicom-uid.js';
import type { BuiltGroup } from './measurement-groups.js';
import type { SrSourceInstance, WriteMeasurementReportInput } from './measurement-report-input.js';
import { ENGLISH, IMAGING_PROCEDURE, LABEL_SCHEME, SR_CODES, UNITED_STATES } from './sr-codes.js';
import {
  type ContentItem,
  codeContentItem,
  containerItem,
  imageItem,
  personNameItem,
  textItem,
  uidRefItem,
} from './sr-content-items.js';

type Dataset = Record<string, unknown>;

export const COMPREHENSIVE_3D_SR_STORAGE = '1.2.840.10008.5.1.4.1.1.88.34';

function dateAndTime(at: Date): { date: string; time: string } {
  const iso = at.toISOString();
  return { date: iso.slice(0, 10).replaceAll('-', ''), time: iso.slice(11, 23).replace(/:/g, '') };
}

function uniqueInstances(groups: readonly BuiltGroup[]): SrSourceInstance[] {
  const seen = new Map<string, SrSourceInstance>();
  for (const g of groups) {
    if (!g.instance) continue;
    const key = `${g.instance.sopInstanceUid}#${g.instance.frameNumber ?? ''}`;
    if (!seen.has(key)) seen.set(key, g.instance);
  }
  return [...seen.values()];
}

/** TID 1204 language, TID 1001 observer context (person if named, then the device), TID 1500 row 4. */
function headerItems(input: WriteMeasurementReportInput): ContentItem[] {
  const o = input.observer ?? {};
  const deviceUid = o.deviceUid ?? newDicomUid();
  const person = o.personName
    ? [
        codeContentItem('HAS OBS CONTEXT', SR_CODES.observerType, SR_CODES.person),
        personNameItem('HAS OBS CONTEXT', SR_CODES.personObserverName, o.personName),
      ]
    : [];
  return [
    codeContentItem('HAS CONCEPT MOD', SR_CODES.language, ENGLISH, [
      codeContentItem('HAS CONCEPT MOD', SR_CODES.countryOfLanguage, UNITED_STATES),
    ]),
    ...person,
    codeContentItem('HAS OBS CONTEXT', SR_CODES.observerType, SR_CODES.device),
    uidRefItem('HAS OBS CONTEXT', SR_CODES.deviceObserverUid, deviceUid),
    textItem('HAS OBS CONTEXT', SR_CODES.deviceObserverName, o.deviceName ?? 'Voxelhub'),
    codeContentItem('HAS CONCEPT MOD', SR_CODES.procedureReported, IMAGING_PROCEDURE),
  ];
}

/** The SR content tree of TID 1500 (see docs/export-dicom-sr.md for the whole tree). */
function contentTree(input: WriteMeasurementReportInput, groups: readonly BuiltGroup[]): Dataset {
  const library = containerItem('CONTAINS', SR_CODES.imageLibrary, [
    containerItem(
      'CONTAINS',
      SR_CODES.imageLibraryGroup,
      uniqueInstances(groups).map((i) => imageItem('CONTAINS', i)),
    ),
  ]);
  const measurements = containerItem(
    'CONTAINS',
    SR_CODES.imagingMeasurements,
    groups.map((g) => g.item),
  );
  const root = containerItem(
    undefined,
    SR_CODES.imagingMeasurementReport,
    [...headerItems(input), library, measurements],
    '1500',
  );
  return root;
}

/** Current Requested Procedure Evidence: every instance referenced, by study and series (PS3.3 C.17.2). */
function evidence(input: WriteMeasurementReportInput, groups: readonly BuiltGroup[]): Dataset[] {
  const bySeries = new Map<string, Map<string, Dataset>>();
  for (const i of uniqueInstances(groups)) {
    const series = bySeries.get(i.seriesInstanceUid) ?? new Map<string, Dataset>();
    bySeries.set(i.seriesInstanceUid, series);
    series.set(i.sopInstanceUid, {
      ReferencedSOPClassUID: i.sopClassUid,
      ReferencedSOPInstanceUID: i.sopInstanceUid,
    });
  }
  if (bySeries.size === 0) return [];
  return [
    {
      StudyInstanceUID: input.source.studyInstanceUid,
      ReferencedSeriesSequence: [...bySeries].map(([uid, refs]) => ({
        SeriesInstanceUID: uid,
        ReferencedSOPSequence: [...refs.values()],
      })),
    },
  ];
}

/** The whole Comprehensive 3D SR IOD (PS3.3 A.35.13) in dcmjs's naturalized form. */
export function reportDataset(input: WriteMeasurementReportInput, groups: readonly BuiltGroup[]): Dataset {
  const s = input.source;
  const { date, time } = dateAndTime(input.contentDateTime ?? new Date());
  const proof = evidence(input, groups);
  const {
    ValueType,
    ConceptNameCodeSequence,
    ContinuityOfContent,
    ContentTemplateSequence,
    ContentSequence,
  } = contentTree(input, groups);
  return {
    SpecificCharacterSet: 'ISO_IR 192',
    SOPClassUID: COMPREHENSIVE_3D_SR_STORAGE,
    SOPInstanceUID: input.uids.sopInstanceUid,
    StudyDate: s.studyDate ?? '',
    StudyTime: s.studyTime ?? '',
    ContentDate: date,
    ContentTime: time,
    AccessionNumber: s.accessionNumber ?? '',
    Modality: 'SR',
    Manufacturer: 'Voxelhub',
    ReferringPhysicianName: s.referringPhysicianName ?? '',
    ...(input.seriesDescription ? { SeriesDescription: input.seriesDescription } : {}),
    PatientName: s.patientName ?? '',
    PatientID: s.patientId ?? '',
    PatientBirthDate: s.patientBirthDate ?? '',
    PatientSex: s.patientSex ?? '',
    StudyInstanceUID: s.studyInstanceUid,
    SeriesInstanceUID: input.uids.seriesInstanceUid,
    StudyID: s.studyId ?? '',
    SeriesNumber: input.seriesNumber ?? 301,
    InstanceNumber: 1,
    ReferencedPerformedProcedureStepSequence: [],
    // SOP Common (PS3.3 C.12.1.1.4): identifies the private scheme of the label findings.
    CodingSchemeIdentificationSequence: [
      {
        CodingSchemeDesignator: LABEL_SCHEME,
        CodingSchemeName: 'Voxelhub label names',
        CodingSchemeResponsibleOrganization: 'Voxelhub',
      },
    ],
    ValueType,
    ConceptNameCodeSequence,
    ContinuityOfContent,
    ContentTemplateSequence,
    ...(proof.length ? { CurrentRequestedProcedureEvidenceSequence: proof } : {}),
    PerformedProcedureCodeSequence: [],
    CompletionFlag: 'COMPLETE',
    VerificationFlag: 'UNVERIFIED',
    ContentSequence,
  };
}
