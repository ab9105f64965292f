import { type CodedConcept, codeItem } from '../dicom-seg/coded-concept.js';
import { decimalString } from '../dicom-seg/decimal-string.js';

/** A content item of the SR tree in dcmjs's naturalized form (PS3.3 C.17.3). */
export type ContentItem = Record<string, unknown>;

export type Relationship =
  | 'CONTAINS'
  | 'HAS CONCEPT MOD'
  | 'HAS OBS CONTEXT'
  | 'INFERRED FROM'
  | 'SELECTED FROM';

/** The image (and frame of a multi-frame image) a planar coordinate lies on. */
export interface SrImageReference {
  readonly sopClassUid: string;
  readonly sopInstanceUid: string;
  /** 1-based frame number in a multi-frame instance; absent for single-frame instances. */
  readonly frameNumber?: number;
}

function item(relationship: Relationship | undefined, valueType: string, name?: CodedConcept): ContentItem {
  return {
    ...(relationship ? { RelationshipType: relationship } : {}),
    ValueType: valueType,
    ...(name ? { ConceptNameCodeSequence: [codeItem(name)] } : {}),
  };
}

export function containerItem(
  relationship: Relationship | undefined,
  name: CodedConcept,
  children: readonly ContentItem[],
  template?: string,
): ContentItem {
  return {
    ...item(relationship, 'CONTAINER', name),
    ContinuityOfContent: 'SEPARATE',
    ...(template
      ? { ContentTemplateSequence: [{ MappingResource: 'DCMR', TemplateIdentifier: template }] }
      : {}),
    ContentSequence: [...children],
  };
}

export function codeContentItem(
  relationship: Relationship,
  name: CodedConcept,
  value: CodedConcept,
  children: readonly ContentItem[] = [],
): ContentItem {
  return {
    ...item(relationship, 'CODE', name),
    ConceptCodeSequence: [codeItem(value)],
    ...(children.length ? { ContentSequence: [...children] } : {}),
  };
}

export function textItem(relationship: Relationship, name: CodedConcept, value: string): ContentItem {
  return { ...item(relationship, 'TEXT', name), TextValue: value };
}

export function uidRefItem(relationship: Relationship, name: CodedConcept, uid: string): ContentItem {
  return { ...item(relationship, 'UIDREF', name), UID: uid };
}

export function personNameItem(relationship: Relationship, name: CodedConcept, person: string): ContentItem {
  return { ...item(relationship, 'PNAME', name), PersonName: person };
}

export function numItem(
  name: CodedConcept,
  value: number,
  unit: CodedConcept,
  children: readonly ContentItem[] = [],
): ContentItem {
  return {
    ...item('CONTAINS', 'NUM', name),
    MeasuredValueSequence: [
      { MeasurementUnitsCodeSequence: [codeItem(unit)], NumericValue: decimalString(value) },
    ],
    ...(children.length ? { ContentSequence: [...children] } : {}),
  };
}

export function imageItem(relationship: Relationship | undefined, image: SrImageReference): ContentItem {
  return {
    ...item(relationship, 'IMAGE'),
    ReferencedSOPSequence: [
      {
        ReferencedSOPClassUID: image.sopClassUid,
        ReferencedSOPInstanceUID: image.sopInstanceUid,
        ...(image.frameNumber !== undefined ? { ReferencedFrameNumber: image.frameNumber } : {}),
      },
    ],
  };
}

/** SCOORD (PS3.3 C.18.6): image pixel coordinates (column, row) pairs, selected from one image. */
export function scoordItem(
  relationship: Relationship,
  name: CodedConcept | undefined,
  graphicType: string,
  columnRowPairs: readonly number[],
  image: SrImageReference,
): ContentItem {
  return {
    ...item(relationship, 'SCOORD', name),
    GraphicType: graphicType,
    GraphicData: [...columnRowPairs],
    ContentSequence: [imageItem('SELECTED FROM', image)],
  };
}

/** SCOORD3D (PS3.3 C.18.9): patient coordinates (x, y, z) triples in a frame of reference. */
export function scoord3dItem(
  relationship: Relationship,
  name: CodedConcept | undefined,
  graphicType: string,
  xyzTriples: readonly number[],
  frameOfReferenceUid: string,
): ContentItem {
  return {
    ...item(relationship, 'SCOORD3D', name),
    GraphicType: graphicType,
    GraphicData: [...xyzTriples],
    ReferencedFrameOfReferenceUID: frameOfReferenceUid,
  };
}
