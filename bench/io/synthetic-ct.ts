import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { DicomJson } from 'dcmjs';
import { PADDING_STORED_VALUE, PhantomSlicer, RESCALE_INTERCEPT } from './body-phantom.js';
import { randomUid, type SeededRandom, seededRandom } from './seeded-random.js';

// dcmjs's CommonJS build through require: Vitest transforms its ESM bundle on every run (about 2.8 s
// here), which would make the generator's test ten times slower; in Node both builds are the same code.
const dcmjs = createRequire(import.meta.url)('dcmjs') as typeof import('dcmjs').default;

/** Bump when the files written change in any way: the benchmark regenerates its data when this differs. */
export const SYNTHETIC_CT_VERSION = 1;

const CT_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.2';
const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';
const IMPLEMENTATION_CLASS_UID = '2.25.223906373467362406227226478196126584883';

export interface SyntheticCtOptions {
  readonly rows: number;
  readonly columns: number;
  readonly slices: number;
  /** In-plane spacing in mm (both directions). */
  readonly pixelSpacing: number;
  /** Millimetres between slice positions; slices go head to feet (z decreasing), as scanners write them. */
  readonly sliceSpacing: number;
  /** ImagePositionPatient z of the first slice (InstanceNumber 1). */
  readonly firstSliceZ: number;
  readonly seed: number;
}

/** The benchmark series: 512×512×300 int16, 0.703125 mm pixels (360 mm field of view), 1 mm slices. */
export const BENCHMARK_CT: SyntheticCtOptions = {
  rows: 512,
  columns: 512,
  slices: 300,
  pixelSpacing: 0.703125,
  sliceSpacing: 1,
  firstSliceZ: -100,
  seed: 20240115,
};

export interface SyntheticCtSeries {
  readonly files: string[];
  readonly studyInstanceUID: string;
  readonly seriesInstanceUID: string;
}

/** ImagePositionPatient of slice `index` (0-based): the field of view is centred on the scanner axis. */
export function slicePosition(options: SyntheticCtOptions, index: number): [number, number, number] {
  const x = -(options.columns * options.pixelSpacing) / 2 + options.pixelSpacing / 2;
  const y = -(options.rows * options.pixelSpacing) / 2 + options.pixelSpacing / 2;
  return [x, y, options.firstSliceZ - index * options.sliceSpacing];
}

interface SeriesIds {
  readonly study: string;
  readonly series: string;
  readonly frameOfReference: string;
}

/** Attributes shared by every slice: patient, study, series, equipment and acquisition modules. */
function seriesAttributes(options: SyntheticCtOptions, ids: SeriesIds): Record<string, unknown> {
  return {
    SpecificCharacterSet: 'ISO_IR 100',
    ImageType: ['ORIGINAL', 'PRIMARY', 'AXIAL'],
    SOPClassUID: CT_IMAGE_STORAGE,
    StudyDate: '20240115',
    SeriesDate: '20240115',
    AcquisitionDate: '20240115',
    ContentDate: '20240115',
    StudyTime: '093012.000000',
    SeriesTime: '093544.000000',
    AccessionNumber: 'BENCH0001',
    Modality: 'CT',
    Manufacturer: 'Voxelhub',
    InstitutionName: 'Synthetic Hospital',
    ReferringPhysicianName: 'REFERRER^SYNTHETIC',
    StationName: 'CT01',
    StudyDescription: 'CT CHEST ABDOMEN',
    SeriesDescription: 'BODY 1.0 STANDARD',
    ManufacturerModelName: 'Synthetic CT Phantom',
    PatientName: 'PHANTOM^BODY',
    PatientID: 'VXH-BENCH-0001',
    PatientBirthDate: '19700101',
    PatientSex: 'O',
    PatientAge: '054Y',
    PatientWeight: 75,
    BodyPartExamined: 'CHEST',
    ScanOptions: 'HELICAL MODE',
    SliceThickness: options.sliceSpacing,
    KVP: 120,
    DataCollectionDiameter: 500,
    SoftwareVersions: `voxelhub-bench-${SYNTHETIC_CT_VERSION}`,
    ReconstructionDiameter: options.columns * options.pixelSpacing,
    DistanceSourceToDetector: 946.7,
    DistanceSourceToPatient: 541,
    GantryDetectorTilt: 0,
    TableHeight: 160,
    RotationDirection: 'CW',
    ExposureTime: 500,
    XRayTubeCurrent: 250,
    Exposure: 125,
    FilterType: 'BODY FILTER',
    GeneratorPower: 30,
    FocalSpots: 0.7,
    ConvolutionKernel: 'STANDARD',
    PatientPosition: 'HFS',
    StudyInstanceUID: ids.study,
    SeriesInstanceUID: ids.series,
    StudyID: '1',
    SeriesNumber: 3,
    AcquisitionNumber: 1,
    ImageOrientationPatient: [1, 0, 0, 0, 1, 0],
    FrameOfReferenceUID: ids.frameOfReference,
    PositionReferenceIndicator: 'SN',
    SamplesPerPixel: 1,
    PhotometricInterpretation: 'MONOCHROME2',
    Rows: options.rows,
    Columns: options.columns,
    PixelSpacing: [options.pixelSpacing, options.pixelSpacing],
    BitsAllocated: 16,
    BitsStored: 16,
    HighBit: 15,
    PixelRepresentation: 1,
    WindowCenter: [40, -600],
    WindowWidth: [400, 1500],
    RescaleIntercept: RESCALE_INTERCEPT,
    RescaleSlope: 1,
    RescaleType: 'HU',
    WindowCenterWidthExplanation: ['SOFT TISSUE', 'LUNG'],
  };
}

/** Elements dcmjs cannot infer a VR for (US-or-SS ones) and private elements, as a vendor would add them. */
function explicitElements(options: SyntheticCtOptions, index: number): DicomJson {
  const vendorBlob = new Uint8Array(64).map((_, i) => (i * 37 + index) & 0xff);
  return {
    '00090010': { vr: 'LO', Value: ['VOXELHUB_BENCH_01'] },
    '00091001': { vr: 'LO', Value: ['synthetic body phantom'] },
    '00091002': { vr: 'SL', Value: [options.seed] },
    '00091003': { vr: 'DS', Value: ['12'] },
    '00091010': { vr: 'OB', Value: [vendorBlob.buffer] },
    '00190010': { vr: 'LO', Value: ['VOXELHUB_RECON_01'] },
    '00191001': { vr: 'DS', Value: ['0.984375'] },
    '00191002': { vr: 'SS', Value: [index + 1] },
    '00191003': { vr: 'LO', Value: ['FBP'] },
    '00280120': { vr: 'SS', Value: [PADDING_STORED_VALUE] },
  };
}

/** One reconstructed slice per 10 ms after the series time, as HHMMSS.FFFFFF. */
function contentTime(index: number): string {
  const centiseconds = 93544_00 + index;
  const [hhmmss, fraction] = [Math.floor(centiseconds / 100), centiseconds % 100];
  return `${String(hhmmss).padStart(6, '0')}.${String(fraction).padStart(2, '0')}0000`;
}

function sliceFile(
  options: SyntheticCtOptions,
  ids: SeriesIds,
  index: number,
  sopUid: string,
  pixels: Int16Array,
  extra: DicomJson,
) {
  const position = slicePosition(options, index);
  const dataset = dcmjs.data.DicomMetaDictionary.denaturalizeDataset({
    ...seriesAttributes(options, ids),
    SOPInstanceUID: sopUid,
    ContentTime: contentTime(index),
    InstanceNumber: index + 1,
    ImagePositionPatient: position,
    SliceLocation: position[2],
  });
  const dict = new dcmjs.data.DicomDict({
    '00020001': { vr: 'OB', Value: [new Uint8Array([0, 1]).buffer] },
    '00020002': { vr: 'UI', Value: [CT_IMAGE_STORAGE] },
    '00020003': { vr: 'UI', Value: [sopUid] },
    '00020010': { vr: 'UI', Value: [EXPLICIT_VR_LITTLE_ENDIAN] },
    '00020012': { vr: 'UI', Value: [IMPLEMENTATION_CLASS_UID] },
    '00020013': { vr: 'SH', Value: ['VOXELHUB_BENCH'] },
  });
  const pixelBytes = pixels.buffer.slice(pixels.byteOffset, pixels.byteOffset + pixels.byteLength);
  dict.dict = {
    ...dataset,
    ...explicitElements(options, index),
    ...extra,
    '7FE00010': { vr: 'OW', Value: [pixelBytes] },
  };
  return new Uint8Array(dict.write());
}

function seriesIds(random: SeededRandom): SeriesIds {
  return { study: randomUid(random), series: randomUid(random), frameOfReference: randomUid(random) };
}

/** Elements added to slice `index` (0-based) on top of the usual ones, e.g. identifying values. */
export type ExtraElements = (index: number) => DicomJson;

/**
 * Writes a synthetic CT series (one uncompressed Explicit VR Little Endian Part 10 file per slice, named
 * IM000001.dcm…) into `folder`. The same options always give byte-identical files.
 */
export async function writeSyntheticCtSeries(
  folder: string,
  overrides: Partial<SyntheticCtOptions> = {},
  extra: ExtraElements = () => ({}),
): Promise<SyntheticCtSeries> {
  const options = { ...BENCHMARK_CT, ...overrides };
  const random = seededRandom(options.seed);
  const ids = seriesIds(random);
  const slicer = new PhantomSlicer(options.columns, options.rows, random);
  await mkdir(folder, { recursive: true });
  const files: string[] = [];
  for (let index = 0; index < options.slices; index++) {
    const t = options.slices > 1 ? index / (options.slices - 1) : 0.5;
    const sopUid = randomUid(random);
    const bytes = sliceFile(options, ids, index, sopUid, slicer.slice(t), extra(index));
    const file = join(folder, `IM${String(index + 1).padStart(6, '0')}.dcm`);
    await writeFile(file, bytes);
    files.push(file);
  }
  return { files, studyInstanceUID: ids.study, seriesInstanceUID: ids.series };
}
