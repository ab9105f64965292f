import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDicom } from '../dicom/parse-dicom.js';
import { decodeAllFrames } from '../dicom/pixel/decode-frame.js';
import { type PixelModule, readPixelModule } from '../dicom/pixel/pixel-module.js';
import {
  buildPart10,
  monochromeElements,
  type TestElement,
  withElements,
} from '../dicom/pixel/test-dataset.js';
import { ImageReadError } from '../errors/image-read-error.js';
import { clipRectangle } from './assess-burned-in.js';
import { blackSamples } from './black-samples.js';
import { blankRegionsPart10 } from './blank-regions.js';
import type { PixelRectangle } from './burned-in-rule.js';
import { encodeRleFrame } from './rle-encoder.js';

const TESTDATA = fileURLToPath(new URL('../../../../../shared/testdata/', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'voxelhub-blank-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const ELE = '1.2.840.10008.1.2.1';
const RLE = '1.2.840.10008.1.2.5';

interface Case {
  /** Under the shared test data; with `gdcmconv`, the source of a file GDCM converts first. */
  readonly file: string;
  /** A gdcmconv option (--j2k, --jpegls): colour JPEG 2000 and JPEG-LS, which the test data lacks. */
  readonly gdcmconv?: string;
  readonly regions: readonly PixelRectangle[];
  /** The transfer syntax of the output. */
  readonly writtenAs: string;
  /** Largest difference allowed outside the rectangles, and from black inside (0: lossless). */
  readonly tolerance?: number;
  /** Largest mean absolute difference allowed outside (lossy re-encoding). */
  readonly meanTolerance?: number;
}

// Rectangles: a header band across the top, and one inside the image that runs past its right edge.
const band = (columns: number, height: number): PixelRectangle => ({ x: 0, y: 0, width: columns, height });
const CASES: readonly Case[] = [
  // Native, edited in place.
  {
    file: 'highdicom/dx_image.dcm',
    regions: [band(211, 20), { x: 150, y: 100, width: 100, height: 9 }],
    writtenAs: ELE,
  },
  {
    file: 'pydicom/CT_small.dcm',
    regions: [band(128, 10), { x: 90, y: 60, width: 60, height: 7 }],
    writtenAs: ELE,
  },
  { file: 'pydicom/MR_small_implicit.dcm', regions: [band(64, 6)], writtenAs: '1.2.840.10008.1.2' },
  {
    file: 'pydicom/MR_small_bigendian.dcm',
    regions: [band(64, 6), { x: 30, y: 40, width: 10, height: 5 }],
    writtenAs: '1.2.840.10008.1.2.2',
  },
  {
    file: 'pydicom/examples_rgb_color.dcm',
    regions: [band(320, 24), { x: 250, y: 100, width: 100, height: 13 }],
    writtenAs: ELE,
  },
  {
    file: 'pydicom/ExplVR_BigEnd.dcm',
    regions: [band(80, 8), { x: 70, y: 30, width: 20, height: 5 }],
    writtenAs: '1.2.840.10008.1.2.2',
  },
  // YBR_FULL_422: even x and width, since blanking widens rectangles to whole pixel pairs.
  {
    file: 'cornerstone3D/US-YBR_FULL_422-EVRLE.dcm',
    regions: [band(800, 40), { x: 600, y: 300, width: 260, height: 11 }],
    writtenAs: ELE,
  },
  {
    file: 'pydicom-data/emri_small.dcm',
    regions: [band(64, 5), { x: 50, y: 20, width: 20, height: 3 }],
    writtenAs: ELE,
  },
  {
    file: 'pydicom/rtdose.dcm',
    regions: [{ x: 2, y: 3, width: 4, height: 2 }],
    writtenAs: '1.2.840.10008.1.2',
  },
  // Deflated: written inflated.
  {
    file: 'pydicom/image_dfl.dcm',
    regions: [band(512, 30), { x: 400, y: 200, width: 200, height: 17 }],
    writtenAs: ELE,
  },
  // Re-encoded in the same syntax.
  {
    file: 'pydicom/MR_small_jpeg_ls_lossless.dcm',
    regions: [band(64, 6), { x: 40, y: 40, width: 30, height: 4 }],
    writtenAs: '1.2.840.10008.1.2.4.80',
  },
  {
    file: 'pydicom-data/emri_small_jpeg_ls_lossless.dcm',
    regions: [band(64, 5)],
    writtenAs: '1.2.840.10008.1.2.4.80',
  },
  {
    file: 'pydicom/JPEGLSNearLossless_08.dcm',
    regions: [band(10, 5)],
    writtenAs: '1.2.840.10008.1.2.4.81',
    tolerance: 3,
  },
  {
    file: 'pydicom/MR_small_jp2klossless.dcm',
    regions: [band(64, 6), { x: 40, y: 40, width: 30, height: 4 }],
    writtenAs: '1.2.840.10008.1.2.4.90',
  },
  {
    file: 'pydicom-data/emri_small_jpeg_2k_lossless.dcm',
    regions: [band(64, 5)],
    writtenAs: '1.2.840.10008.1.2.4.90',
  },
  {
    file: 'pydicom/JPEG2000.dcm',
    regions: [band(256, 40), { x: 200, y: 500, width: 80, height: 30 }],
    writtenAs: '1.2.840.10008.1.2.4.91',
  },
  { file: 'pydicom-data/RG3_J2KI.dcm', regions: [band(1760, 120)], writtenAs: '1.2.840.10008.1.2.4.91' },
  // JPEG baseline: a second lossy generation (libjpeg quality 95).
  // Rectangles on the 16-pixel grid of the chroma-subsampled blocks (measured: at most 3 and 8 grey levels
  // off outside, mean 0.33 and 0.20); one off the grid, whose edges ring
  // (measured: 11 grey levels inside and outside, mean 0.34).
  {
    file: 'pydicom/SC_rgb_jpeg_dcmtk.dcm',
    regions: [band(100, 16), { x: 64, y: 64, width: 50, height: 16 }],
    writtenAs: '1.2.840.10008.1.2.4.50',
    tolerance: 12,
    meanTolerance: 0.5,
  },
  {
    file: 'pydicom/examples_ybr_color.dcm',
    regions: [band(320, 32), { x: 256, y: 160, width: 80, height: 16 }],
    writtenAs: '1.2.840.10008.1.2.4.50',
    tolerance: 12,
    meanTolerance: 0.5,
  },
  {
    file: 'pydicom/SC_rgb_jpeg_dcmtk.dcm',
    regions: [{ x: 37, y: 50, width: 21, height: 13 }],
    writtenAs: '1.2.840.10008.1.2.4.50',
    tolerance: 16,
    meanTolerance: 0.5,
  },
  // No encoder: written native as Explicit VR Little Endian.
  { file: 'pydicom/JPGExtended.dcm', regions: [band(256, 40)], writtenAs: ELE },
  {
    file: 'pydicom-data/JPEG-LL.dcm',
    regions: [band(256, 40), { x: 200, y: 500, width: 80, height: 30 }],
    writtenAs: ELE,
  },
  { file: 'pydicom-data/JPGLosslessP14SV1_1s_1f_8b.dcm', regions: [band(1024, 60)], writtenAs: ELE },
  // RLE, re-encoded by rle-encoder.ts.
  { file: 'pydicom/MR_small_RLE.dcm', regions: [band(64, 6)], writtenAs: RLE },
  {
    file: 'pydicom/SC_rgb_rle_2frame.dcm',
    regions: [band(100, 10), { x: 90, y: 50, width: 20, height: 10 }],
    writtenAs: RLE,
  },
  { file: 'pydicom-data/emri_small_RLE.dcm', regions: [band(64, 5)], writtenAs: RLE },
  // Colour, converted by GDCM from the RGB RLE file.
  {
    file: 'pydicom/SC_rgb_rle_2frame.dcm',
    gdcmconv: '--j2k',
    regions: [band(100, 10), { x: 90, y: 50, width: 20, height: 10 }],
    writtenAs: '1.2.840.10008.1.2.4.90',
  },
  {
    file: 'pydicom/SC_rgb_rle_2frame.dcm',
    gdcmconv: '--jpegls',
    regions: [band(100, 10), { x: 90, y: 50, width: 20, height: 10 }],
    writtenAs: '1.2.840.10008.1.2.4.80',
  },
];

const inside = (regions: readonly PixelRectangle[], x: number, y: number) =>
  regions.some((r) => x >= r.x && x < r.x + r.width && y >= r.y && y < r.y + r.height);

interface Comparison {
  insideMaxDeviation: number;
  outsideMaxDifference: number;
  outsideMeanDifference: number;
  insidePixels: number;
}

/** Compares decoded output with decoded input, frame by frame (arrays of frames × rows × columns × samples). */
function compare(
  before: ArrayLike<number>,
  after: ArrayLike<number>,
  size: { rows: number; columns: number; samples: number; frames: number },
  regions: readonly PixelRectangle[],
  black: readonly number[],
): Comparison {
  let insideMaxDeviation = 0;
  let outsideMaxDifference = 0;
  let outsideSum = 0;
  let outsideCount = 0;
  let insidePixels = 0;
  const { rows, columns, samples, frames } = size;
  for (let f = 0; f < frames; f++)
    for (let y = 0; y < rows; y++)
      for (let x = 0; x < columns; x++)
        for (let s = 0; s < samples; s++) {
          const i = ((f * rows + y) * columns + x) * samples + s;
          if (inside(regions, x, y)) {
            insidePixels++;
            insideMaxDeviation = Math.max(insideMaxDeviation, Math.abs(after[i]! - black[s]!));
          } else {
            const d = Math.abs(after[i]! - before[i]!);
            outsideMaxDifference = Math.max(outsideMaxDifference, d);
            outsideSum += d;
            outsideCount++;
          }
        }
  return {
    insideMaxDeviation,
    outsideMaxDifference,
    outsideMeanDifference: outsideSum / outsideCount,
    insidePixels,
  };
}

/** Black as decodeAllFrames presents it: stored values for grey, RGB for colour. */
function presentedBlack(module: PixelModule): number[] {
  return module.samplesPerPixel === 3 ? [0, 0, 0] : blackSamples(module, module.photometricInterpretation);
}

async function decoded(bytes: Uint8Array) {
  const { dataSet, transferSyntaxUID } = parseDicom(bytes);
  return { frames: await decodeAllFrames(dataSet, transferSyntaxUID), dataSet, transferSyntaxUID };
}

function expectWithin(c: Comparison, tolerance: number, meanTolerance: number) {
  expect(c.insidePixels).toBeGreaterThan(0);
  expect(c.insideMaxDeviation).toBeLessThanOrEqual(tolerance);
  expect(c.outsideMaxDifference).toBeLessThanOrEqual(tolerance);
  expect(c.outsideMeanDifference).toBeLessThanOrEqual(meanTolerance);
}

/** Top-level attributes other than pixel data and those blanking may change, with their value bytes. */
function otherAttributes(bytes: Uint8Array): Map<string, string> {
  const { dataSet } = parseDicom(bytes);
  // dicom-parser reports a few bogus elements inside the File Meta of deflated files: skip anything there.
  const groupLength = dataSet.elements.x00020000;
  const metaEnd = groupLength ? groupLength.dataOffset + 4 + (dataSet.uint32('x00020000') ?? 0) : 0;
  const bogus = (tag: string, offset: number) => !tag.startsWith('x0002') && offset < metaEnd;
  const changeable = new Set([
    'x7fe00010',
    'x7fe00001',
    'x7fe00002',
    'x00020000',
    'x00020010',
    'x00280004',
    'x00280006',
    'x00282110',
  ]);
  const out = new Map<string, string>();
  for (const e of Object.values(dataSet.elements)) {
    if (changeable.has(e.tag) || bogus(e.tag, e.dataOffset)) continue;
    out.set(
      e.tag,
      Buffer.from(dataSet.byteArray.subarray(e.dataOffset, e.dataOffset + e.length)).toString('hex'),
    );
  }
  return out;
}

// pydicom decodes what GDCM made native: both independent of core. Prints the same comparison as compare().
const PYTHON_CHECK = `
import json, subprocess, sys, tempfile
import numpy as np, pydicom
from pydicom.pixel_data_handlers.util import convert_color_space

def load(path):
    with tempfile.NamedTemporaryFile(suffix='.dcm') as raw:
        subprocess.run(['gdcmconv', '--raw', path, raw.name], check=True, capture_output=True)
        ds = pydicom.dcmread(raw.name)
        arr = ds.pixel_array
        pi = ds.PhotometricInterpretation
        if pi in ('YBR_FULL', 'YBR_FULL_422'):
            arr = convert_color_space(arr, pi, 'RGB')
            pi = 'RGB'
        frames = int(getattr(ds, 'NumberOfFrames', 1) or 1)
        spp = ds.SamplesPerPixel
        return ds, pi, arr.astype(np.float64).reshape(frames, ds.Rows, ds.Columns, spp)

before_ds, _, before = load(sys.argv[1])
after_ds, pi, after = load(sys.argv[2])
bits, signed = after_ds.BitsStored, after_ds.PixelRepresentation == 1
low, high = (-(2 ** (bits - 1)), 2 ** (bits - 1) - 1) if signed else (0, 2 ** bits - 1)
black = {'MONOCHROME1': high, 'MONOCHROME2': low}.get(pi, 0)
mask = np.zeros(after.shape[1:3], dtype=bool)
for r in json.loads(sys.argv[3]):
    mask[r['y']:r['y'] + r['height'], r['x']:r['x'] + r['width']] = True
inside = after[:, mask, :]
outside = np.abs(after[:, ~mask, :] - before[:, ~mask, :])
print(json.dumps({'insideMaxDeviation': float(np.abs(inside - black).max()),
                  'outsideMaxDifference': float(outside.max()), 'outsideMeanDifference': float(outside.mean()),
                  'insidePixels': int(inside.size), 'photometric': pi}))
`;

function hasTool(command: string, args: string[]): boolean {
  try {
    execFileSync(command, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const referenceTools =
  hasTool('/usr/bin/python3', ['-c', 'import pydicom, numpy']) && hasTool('gdcmconv', ['--version']);
if (!referenceTools)
  console.warn(
    'blank-regions.test: pydicom (/usr/bin/python3) or gdcmconv is missing; the independent checks are skipped',
  );

const dciodvfy = hasTool('sh', ['-c', 'command -v dciodvfy']);

/** dciodvfy's error lines (it checks the file against its IOD), values replaced so that messages compare. */
function iodErrors(file: string): Set<string> {
  const out = execFileSync('sh', ['-c', 'dciodvfy "$1" 2>&1 || true', 'sh', file], { encoding: 'utf8' });
  return new Set(out.split('\n').filter((l) => l.startsWith('Error')));
}

describe('blankRegionsPart10 on real files', () => {
  CASES.forEach((c, index) => {
    const skip = c.gdcmconv !== undefined && !referenceTools;
    describe.skipIf(skip)(`${c.file}${c.gdcmconv ? ` (gdcmconv ${c.gdcmconv})` : ''}`, () => {
      let path = join(TESTDATA, c.file);
      let input: Uint8Array;
      let output: Uint8Array;
      beforeAll(() => {
        if (c.gdcmconv) {
          const converted = join(work, `${index}-input.dcm`);
          execFileSync('gdcmconv', [c.gdcmconv, path, converted]);
          path = converted;
        }
        input = new Uint8Array(readFileSync(path));
      });
      const outPath = join(work, `${index}-${c.file.replace(/\//g, '_')}`);

      it('blanks the rectangles in every frame and keeps the rest (decoded with core)', async () => {
        output = await blankRegionsPart10(input, c.regions, c.file);
        writeFileSync(outPath, output);
        const before = await decoded(input);
        const after = await decoded(output);
        expect(after.transferSyntaxUID).toBe(c.writtenAs);
        const f = after.frames;
        expect([f.rows, f.columns, f.numberOfFrames]).toEqual([
          before.frames.rows,
          before.frames.columns,
          before.frames.numberOfFrames,
        ]);
        const regions = c.regions.flatMap((r) => clipRectangle(r, f.rows, f.columns) ?? []);
        const size = {
          rows: f.rows,
          columns: f.columns,
          samples: f.samplesPerPixel,
          frames: f.numberOfFrames,
        };
        const result = compare(
          before.frames.pixels,
          f.pixels,
          size,
          regions,
          presentedBlack(before.frames.pixelModule),
        );
        expectWithin(result, c.tolerance ?? 0, c.meanTolerance ?? 0);
      });

      it('leaves every other attribute as it was', () => {
        expect(otherAttributes(output)).toEqual(otherAttributes(input));
      });

      // dciodvfy does not read deflated datasets through, so the deflated input is left out.
      it.runIf(dciodvfy && !c.file.endsWith('_dfl.dcm'))('adds no dciodvfy error', () => {
        const before = iodErrors(path);
        expect([...iodErrors(outPath)].filter((e) => !before.has(e))).toEqual([]);
      });

      it.runIf(referenceTools)('gives the same result decoded by GDCM and pydicom', () => {
        const { dataSet } = parseDicom(input);
        const [rows, columns] = [dataSet.uint16('x00280010') ?? 0, dataSet.uint16('x00280011') ?? 0];
        const regions = c.regions.flatMap((r) => clipRectangle(r, rows, columns) ?? []);
        const result = JSON.parse(
          execFileSync('/usr/bin/python3', ['-c', PYTHON_CHECK, path, outPath, JSON.stringify(regions)], {
            encoding: 'utf8',
          }),
        ) as Comparison;
        expectWithin(result, c.tolerance ?? 0, c.meanTolerance ?? 0);
      });
    });
  });
});

describe('blankRegionsPart10 keeps the attributes true to the pixel data it writes', () => {
  const blanked = async (file: string) => {
    const bytes = new Uint8Array(readFileSync(join(TESTDATA, file)));
    return parseDicom(await blankRegionsPart10(bytes, [band(8, 8)], file)).dataSet;
  };

  it('keeps Lossy Image Compression 01 when 12-bit JPEG is written native', async () => {
    const ds = await blanked('pydicom/JPGExtended.dcm');
    expect(ds.string('x00020010')).toBe(ELE);
    expect(ds.string('x00282110')).toBe('01');
    expect(ds.elements.x7fe00010?.encapsulatedPixelData).toBeFalsy();
  });

  it('writes 16-bit JPEG lossless native, as words', async () => {
    const ds = await blanked('pydicom-data/JPEG-LL.dcm');
    expect(ds.string('x00020010')).toBe(ELE);
    expect(ds.elements.x7fe00010?.vr).toBe('OW');
    expect(ds.elements.x7fe00010?.length).toBe(1024 * 256 * 2);
  });

  it('re-encodes JPEG baseline frames one per fragment, with a full offset table', async () => {
    const ds = await blanked('pydicom/examples_ybr_color.dcm');
    expect(ds.string('x00280004')).toBe('YBR_FULL_422');
    const pixelData = ds.elements.x7fe00010!;
    expect(pixelData.fragments).toHaveLength(30);
    expect(pixelData.basicOffsetTable).toEqual(pixelData.fragments!.map((f) => f.offset));
  });
});

describe('blankRegionsPart10 on PALETTE COLOR (the test data has none: built here)', () => {
  // A 2x4 image whose palette maps index 0 to white and 2 to black.
  const lut: TestElement[] = [
    ...[0x00281101, 0x00281102, 0x00281103].map((tag) => [tag, 'US', [4, 0, 8]] as TestElement),
    [0x00281201, 'OW', Uint8Array.of(255, 90, 0, 30)],
    [0x00281202, 'OW', Uint8Array.of(255, 90, 0, 30)],
    [0x00281203, 'OW', Uint8Array.of(255, 90, 0, 30)],
  ];
  const indices = Uint8Array.of(0, 1, 3, 1, 3, 0, 1, 0);
  const image = (pixelData: TestElement[]) =>
    withElements(monochromeElements(2, 4, 8), [[0x00280004, 'CS', 'PALETTE COLOR'], ...lut, ...pixelData]);
  const storedIndices = async (bytes: Uint8Array) => {
    const { dataSet, transferSyntaxUID } = parseDicom(bytes);
    const { palette: _, ...module } = readPixelModule(dataSet);
    const grey = { ...module, photometricInterpretation: 'MONOCHROME2' };
    return [...(await decodeAllFrames(dataSet, transferSyntaxUID, { pixelModule: grey })).pixels];
  };

  it.each([
    ['native', ELE, [[0x7fe00010, 'OB', indices]] as TestElement[]],
    [
      'RLE',
      RLE,
      [[0x7fe00010, 'OB', { fragments: [encodeRleFrame(indices, paletteModule())] }]] as TestElement[],
    ],
  ])('sets the blanked pixels to the darkest entry’s index (%s)', async (_, syntax, pixelData) => {
    const input = buildPart10(image(pixelData), syntax);
    const output = await blankRegionsPart10(input, [{ x: 1, y: 0, width: 2, height: 2 }]);
    expect(parseDicom(output).dataSet.string('x00280004')).toBe('PALETTE COLOR');
    expect(await storedIndices(output)).toEqual([0, 2, 2, 1, 3, 2, 2, 0]);
  });
});

function paletteModule(): PixelModule {
  return {
    rows: 2,
    columns: 4,
    samplesPerPixel: 1,
    bitsAllocated: 8,
    bitsStored: 8,
    highBit: 7,
    pixelRepresentation: 0,
    planarConfiguration: 0,
    photometricInterpretation: 'PALETTE COLOR',
    numberOfFrames: 1,
  };
}

describe('blankRegionsPart10 refuses what it cannot blank', () => {
  it('names the file for an image without pixel data', async () => {
    const bytes = new Uint8Array(readFileSync(join(TESTDATA, 'highdicom/sr_document.dcm')));
    const error = await blankRegionsPart10(bytes, [band(10, 10)], 'sr_document.dcm').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImageReadError);
    expect((error as ImageReadError).message).toMatch(/^sr_document\.dcm: .*no Pixel Data/);
  });

  it('refuses 1-bit segmentations', async () => {
    const bytes = new Uint8Array(readFileSync(join(TESTDATA, 'pydicom/liver_1frame.dcm')));
    await expect(blankRegionsPart10(bytes, [band(10, 10)], 'liver_1frame.dcm')).rejects.toThrow(
      /liver_1frame\.dcm: 1-bit pixel data/,
    );
  });

  it('reports a truncated file as such', async () => {
    const bytes = new Uint8Array(readFileSync(join(TESTDATA, 'pydicom/MR_truncated.dcm')));
    await expect(blankRegionsPart10(bytes, [band(10, 10)], 'MR_truncated.dcm')).rejects.toMatchObject({
      code: 'TRUNCATED',
      file: 'MR_truncated.dcm',
    });
  });

  it('returns an unchanged copy when no rectangle reaches the image', async () => {
    const bytes = new Uint8Array(readFileSync(join(TESTDATA, 'pydicom/CT_small.dcm')));
    const out = await blankRegionsPart10(bytes, [{ x: 500, y: 0, width: 10, height: 10 }]);
    expect(Buffer.from(out).equals(Buffer.from(bytes))).toBe(true);
    expect(out.buffer).not.toBe(bytes.buffer);
  });
});
