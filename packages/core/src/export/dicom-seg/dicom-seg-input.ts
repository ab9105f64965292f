import type { Vec3 } from '../../geometry/vector.js';
import type { ImageGeometry } from '../../volume/image-volume.js';
import type { CodedConcept } from './coded-concept.js';
import type { LabelVoxels } from './seg-frame-pixels.js';
import type { SegSourceInstance } from './seg-functional-groups.js';

export type { CodedConcept } from './coded-concept.js';
export type { LabelVoxels } from './seg-frame-pixels.js';
export type { SegSourceInstance } from './seg-functional-groups.js';

/** One segment: a label of the label map. */
export interface DicomSegSegment {
  /** The voxel value of this segment in the label map (Segment Number): the segments are numbered 1..N. */
  readonly number: number;
  /** Segment Label (LO: at most 64 characters, no backslash), e.g. the label's name. */
  readonly label: string;
  /** '#rrggbb', written as the Recommended Display CIELab Value. */
  readonly colour: string;
  readonly description?: string;
  /** Segmented Property Category (CID 7150); default SCT 85756007 'Tissue'. */
  readonly category?: CodedConcept;
  /** Segmented Property Type (CID 7151); default SCT 85756007 'Tissue'. */
  readonly type?: CodedConcept;
}

/** The series the label map was drawn on, whose study, patient and frame of reference the SEG joins. */
export interface DicomSegSource {
  readonly studyInstanceUid: string;
  readonly seriesInstanceUid: string;
  readonly frameOfReferenceUid: string;
  /** The source instance of each slice k of the label map, in slice order (one per slice). */
  readonly referencedInstances: readonly SegSourceInstance[];
  /** The source's nominal Slice Thickness, mm; default the slice spacing (contiguous voxels). */
  readonly sliceThickness?: number;
  /** Patient and study attributes copied as given (type 2 ones are written empty when absent). */
  readonly patientName?: string;
  readonly patientId?: string;
  readonly patientBirthDate?: string;
  readonly patientSex?: string;
  readonly studyDate?: string;
  readonly studyTime?: string;
  readonly studyId?: string;
  readonly accessionNumber?: string;
  readonly referringPhysicianName?: string;
  readonly studyDescription?: string;
}

/** The algorithm that made the segments; without one they are written as MANUAL. */
export interface DicomSegAlgorithm {
  readonly type: 'AUTOMATIC' | 'SEMIAUTOMATIC';
  /** Segment Algorithm Name. */
  readonly name: string;
}

/** Who and what made the SEG. Every field has a default. */
export interface DicomSegCreator {
  /** Content Label (CS: A–Z, 0–9, space, underscore, at most 16); default 'SEGMENTATION'. */
  readonly contentLabel?: string;
  readonly contentDescription?: string;
  /** Content Creator's Name (PN), e.g. 'Doe^Jane'. */
  readonly contentCreatorName?: string;
  readonly seriesDescription?: string;
  /** Default 300 (an arbitrary number clear of scanners' usual 1–200). */
  readonly seriesNumber?: number;
  /** Default 1. */
  readonly instanceNumber?: number;
  /** Default 'Voxelhub'. */
  readonly manufacturerModelName?: string;
  /** Default '1'. */
  readonly deviceSerialNumber?: string;
  /** Default '0.1.0'. */
  readonly softwareVersions?: string;
  readonly algorithm?: DicomSegAlgorithm;
  /** Content Date and Time (UTC); default now. */
  readonly contentDateTime?: Date;
}

export interface WriteDicomSegInput {
  /** Segment numbers per voxel, 0 background, x fastest (i + nx·(j + ny·k)). */
  readonly labelMap: { readonly voxels: LabelVoxels; readonly dims: Vec3 };
  /** The label map's grid in patient space (LPS); its dims must equal labelMap.dims. */
  readonly geometry: ImageGeometry;
  readonly segments: readonly DicomSegSegment[];
  readonly source: DicomSegSource;
  readonly type: 'BINARY' | 'FRACTIONAL';
  /** The SEG's own UIDs, which the caller makes (newDicomUid does) so that it can record them. */
  readonly uids: {
    readonly seriesInstanceUid: string;
    readonly sopInstanceUid: string;
    /** Default: the SOP Instance UID with '.1' appended when that fits, else a new 2.25 UID. */
    readonly dimensionOrganizationUid?: string;
  };
  readonly creator?: DicomSegCreator;
}

const UID = /^(0|[1-9]\d*)(\.(0|[1-9]\d*))*$/;

function checkUid(value: string, name: string): void {
  if (!(typeof value === 'string' && value.length <= 64 && UID.test(value))) {
    throw new TypeError(
      `${name} must be a DICOM UID (digits and dots, at most 64 characters), not '${value}'`,
    );
  }
}

function checkGrid(input: WriteDicomSegInput): void {
  const { voxels, dims } = input.labelMap;
  if (!(dims.length === 3 && dims.every((n) => Number.isInteger(n) && n > 0))) {
    throw new RangeError(`labelMap.dims must be three positive integers, not ${dims.join(', ')}`);
  }
  if (dims[0] > 0xffff || dims[1] > 0xffff) {
    throw new RangeError(`labelMap.dims ${dims[0]}x${dims[1]}: Rows and Columns are at most 65535`);
  }
  const count = dims[0] * dims[1] * dims[2];
  if (voxels.length !== count) {
    throw new RangeError(`labelMap.voxels has ${voxels.length} values; dims ${dims.join('x')} need ${count}`);
  }
  if (input.geometry.dims.some((n, i) => n !== dims[i])) {
    throw new RangeError(
      `geometry.dims ${input.geometry.dims.join('x')} differ from labelMap.dims ${dims.join('x')}`,
    );
  }
  const sources = input.source.referencedInstances.length;
  if (sources !== dims[2]) {
    throw new RangeError(
      `source.referencedInstances has ${sources} instances for ${dims[2]} slices: one per slice`,
    );
  }
}

function checkSegments(segments: readonly DicomSegSegment[]): void {
  if (segments.length === 0) throw new RangeError('segments is empty: a SEG needs at least one segment');
  const seen = new Set<number>();
  // PS3.3 C.8.20.2: Segment Numbers start at 1 and increase by 1 (dciodvfy checks it), so the label
  // map's values must be 1..N; a caller with gaps (labels deleted from a schema) renumbers first.
  for (const s of segments) {
    if (!(Number.isInteger(s.number) && s.number >= 1 && s.number <= 0xffff)) {
      throw new RangeError(`segment number ${s.number} must be an integer from 1 to 65535`);
    }
    if (seen.has(s.number)) throw new RangeError(`segment number ${s.number} is given twice`);
    seen.add(s.number);
    if (
      !(typeof s.label === 'string' && s.label.length > 0 && s.label.length <= 64 && !s.label.includes('\\'))
    ) {
      throw new RangeError(`segment ${s.number}: its label must be 1–64 characters without a backslash`);
    }
  }
  const gap = [...seen].sort((a, b) => a - b).findIndex((n, i) => n !== i + 1);
  if (gap >= 0) {
    throw new RangeError(
      `segment numbers must be 1 to ${segments.length} with no gap (PS3.3 C.8.20.2, Segment Number), not ${[...seen].join(', ')}`,
    );
  }
}

/** Refuses input that cannot make a valid SEG, with a TypeError or RangeError saying what is wrong. */
export function checkWriteDicomSegInput(input: WriteDicomSegInput): void {
  if (input.type !== 'BINARY' && input.type !== 'FRACTIONAL') {
    throw new TypeError(`type must be 'BINARY' or 'FRACTIONAL', not '${String(input.type)}'`);
  }
  checkGrid(input);
  checkSegments(input.segments);
  const { source, uids } = input;
  const thickness = source.sliceThickness;
  if (thickness !== undefined && !(Number.isFinite(thickness) && thickness > 0)) {
    throw new RangeError(`source.sliceThickness must be positive mm, not ${thickness}`);
  }
  checkUid(source.studyInstanceUid, 'source.studyInstanceUid');
  checkUid(source.seriesInstanceUid, 'source.seriesInstanceUid');
  checkUid(source.frameOfReferenceUid, 'source.frameOfReferenceUid');
  source.referencedInstances.forEach((ref, k) => {
    checkUid(ref.sopClassUid, `source.referencedInstances[${k}].sopClassUid`);
    checkUid(ref.sopInstanceUid, `source.referencedInstances[${k}].sopInstanceUid`);
  });
  checkUid(uids.seriesInstanceUid, 'uids.seriesInstanceUid');
  checkUid(uids.sopInstanceUid, 'uids.sopInstanceUid');
  if (uids.dimensionOrganizationUid !== undefined)
    checkUid(uids.dimensionOrganizationUid, 'uids.dimensionOrganizationUid');
  const label = input.creator?.contentLabel;
  if (label !== undefined && !/^[A-Z0-9_ ]{1,16}$/.test(label)) {
    throw new RangeError(
      `creator.contentLabel '${label}' must be 1–16 of A–Z, 0–9, space and underscore (CS)`,
    );
  }
}
