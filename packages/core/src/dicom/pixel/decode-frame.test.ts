import { readFileSync } from 'node:fs';
import dicomParser, { type DataSet } from 'dicom-parser';
import { describe, expect, it } from 'vitest';
import { decodeAllFrames, decodeFrame } from './index.js';

const TESTDATA = new URL('../../../../../../shared/testdata/', import.meta.url);

function load(file: string): { dataSet: DataSet; ts: string } {
  const dataSet = dicomParser.parseDicom(readFileSync(new URL(file, TESTDATA)));
  return { dataSet, ts: dataSet.string('x00020010') ?? '' };
}

async function decodeFile(file: string) {
  const { dataSet, ts } = load(file);
  return decodeAllFrames(dataSet, ts);
}

/** The same summary as the Python script that made the references (see REFERENCES). */
function summarise(values: ArrayLike<number>, sampleAt: readonly number[]) {
  let sum = 0;
  let positional = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    sum += v;
    positional += (i % 1021) * v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { length: values.length, sum, positional, min, max, samples: sampleAt.map((i) => [i, values[i]]) };
}

/**
 * Reference values from Debian's pydicom 2.3.1 (numpy, Pillow and RLE handlers), computed once with
 * /usr/bin/python3 per file: `ds.pixel_array`, converted with
 * `convert_color_space(arr, PhotometricInterpretation, 'RGB')` for YBR_FULL and YBR_FULL_422, then
 * flattened (frames, rows, columns, samples). `via: 'gdcm'` rows were first decompressed with
 * `gdcmconv --raw` (pydicom here has no decoder for .51, .70, .80, .81). `sum` = Σ v,
 * `positional` = Σ (i mod 1021)·v (catches misplaced samples), `samples` = [i, v] at
 * i = 0, n/7, n/3, n/2, 2n/3, 6n/7, n-1 (integer division).
 */
// biome-ignore format: one reference file per line
const REFERENCES = [
  { file: 'pydicom/CT_small.dcm', via: 'pydicom', type: 'Int16Array', photometric: 'MONOCHROME2', length: 16384, sum: 14826310, positional: 7614284982, min: 128, max: 2191, samples: [[0, 175], [2340, 253], [5461, 1040], [8192, 956], [10922, 1071], [14043, 1083], [16383, 909]] },
  { file: 'pydicom/MR_small.dcm', via: 'pydicom', type: 'Int16Array', photometric: 'MONOCHROME2', length: 4096, sum: 2125338, positional: 1134003677, min: 127, max: 2145, samples: [[0, 905], [585, 745], [1365, 446], [2048, 482], [2730, 785], [3510, 1436], [4095, 862]] },
  { file: 'pydicom/JPEG2000.dcm', via: 'pydicom', type: 'Int16Array', photometric: 'MONOCHROME2', length: 262144, sum: 3527976, positional: 1806976610, min: -30, max: 245, samples: [[0, 0], [37449, -2], [87381, 21], [131072, 1], [174762, 20], [224694, 0], [262143, 0]] },
  { file: 'pydicom/JPGExtended.dcm', via: 'gdcm', type: 'Uint16Array', photometric: 'MONOCHROME2', length: 262144, sum: 3767007, positional: 1932008031, min: 0, max: 264, samples: [[0, 1], [37449, 1], [87381, 21], [131072, 1], [174762, 25], [224694, 1], [262143, 1]] },
  { file: 'pydicom/JPEGLSNearLossless_08.dcm', via: 'gdcm', type: 'Uint8Array', photometric: 'MONOCHROME2', length: 450, sum: 25000, positional: 1762500, min: 0, max: 255, samples: [[0, 255], [64, 125], [150, 30], [225, 15], [300, 5], [385, 0], [449, 0]] },
  { file: 'pydicom/SC_rgb_jpeg_dcmtk.dcm', via: 'pydicom', type: 'Uint8Array', photometric: 'RGB', length: 30000, sum: 3832000, positional: 1941224029, min: 0, max: 255, samples: [[0, 254], [4285, 128], [10000, 255], [15000, 125], [20000, 0], [25714, 192], [29999, 255]] },
  { file: 'pydicom/SC_rgb_rle.dcm', via: 'pydicom', type: 'Uint8Array', photometric: 'RGB', length: 30000, sum: 3831000, positional: 1940365989, min: 0, max: 255, samples: [[0, 255], [4285, 128], [10000, 255], [15000, 128], [20000, 0], [25714, 192], [29999, 255]] },
  { file: 'pydicom/SC_rgb_rle_2frame.dcm', via: 'pydicom', type: 'Uint8Array', photometric: 'RGB', length: 60000, sum: 7650000, positional: 3891262503, min: 0, max: 255, samples: [[0, 255], [8571, 0], [20000, 0], [30000, 0], [40000, 0], [51428, 191], [59999, 0]] },
  { file: 'pydicom/SC_rgb_small_odd.dcm', via: 'pydicom', type: 'Uint8Array', photometric: 'RGB', length: 27, sum: 3477, positional: 48303, min: 52, max: 176, samples: [[0, 166], [3, 166], [9, 63], [13, 87], [18, 158], [23, 158], [26, 158]] },
  { file: 'pydicom/SC_ybr_full_422_uncompressed.dcm', via: 'pydicom', type: 'Uint8Array', photometric: 'RGB', length: 30000, sum: 3832000, positional: 1941224029, min: 0, max: 255, samples: [[0, 254], [4285, 128], [10000, 255], [15000, 125], [20000, 0], [25714, 192], [29999, 255]] },
  { file: 'pydicom/image_dfl.dcm', via: 'pydicom', type: 'Uint8Array', photometric: 'MONOCHROME2', length: 262144, sum: 33322688, positional: 16502836583, min: 0, max: 255, samples: [[0, 213], [37449, 255], [87381, 184], [131072, 138], [174762, 148], [224694, 219], [262143, 188]] },
  { file: 'pydicom/ExplVR_BigEnd.dcm', via: 'pydicom', type: 'Uint8Array', photometric: 'RGB', length: 14400, sum: 2470716, positional: 1249533640, min: 0, max: 255, samples: [[0, 171], [2057, 0], [4800, 255], [7200, 255], [9600, 255], [12342, 255], [14399, 0]] },
  { file: 'pydicom/examples_ybr_color.dcm', via: 'pydicom', type: 'Uint8Array', photometric: 'RGB', length: 6912000, sum: 72512675, positional: 36942954696, min: 0, max: 220, samples: [[0, 3], [987428, 30], [2304000, 3], [3456000, 3], [4608000, 3], [5924571, 69], [6911999, 0]] },
  { file: 'pydicom/examples_rgb_color.dcm', via: 'pydicom', type: 'Uint8Array', photometric: 'RGB', length: 230400, sum: 7895026, positional: 4080358793, min: 0, max: 255, samples: [[0, 0], [32914, 0], [76800, 0], [115200, 0], [153600, 0], [197485, 0], [230399, 0]] },
  { file: 'pydicom/liver_1frame.dcm', via: 'pydicom', type: 'Uint8Array', photometric: 'MONOCHROME2', length: 262144, sum: 36233, positional: 16333146, min: 0, max: 1, samples: [[0, 0], [37449, 0], [87381, 0], [131072, 0], [174762, 1], [224694, 0], [262143, 0]] },
  { file: 'pydicom/rtdose.dcm', via: 'pydicom', type: 'Uint32Array', photometric: 'MONOCHROME2', length: 1500, sum: 1519910000, positional: 641655059000, min: 795000, max: 1254000, samples: [[0, 1249000], [214, 1188000], [500, 1250000], [750, 985000], [1000, 1251000], [1285, 843000], [1499, 799000]] },
  { file: 'pydicom-data/liver.dcm', via: 'pydicom', type: 'Uint8Array', photometric: 'MONOCHROME2', length: 786432, sum: 107098, positional: 51920862, min: 0, max: 1, samples: [[0, 0], [112347, 1], [262144, 0], [393216, 0], [524288, 0], [674084, 0], [786431, 0]] },
  { file: 'pydicom-data/emri_small.dcm', via: 'pydicom', type: 'Uint16Array', photometric: 'MONOCHROME2', length: 40960, sum: 4493276, positional: 2299372600, min: 0, max: 467, samples: [[0, 31], [5851, 86], [13653, 12], [20480, 99], [27306, 42], [35108, 204], [40959, 147]] },
  { file: 'pydicom-data/JPGLosslessP14SV1_1s_1f_8b.dcm', via: 'gdcm', type: 'Uint8Array', photometric: 'MONOCHROME2', length: 786432, sum: 13572107, positional: 6167352033, min: 0, max: 255, samples: [[0, 0], [112347, 0], [262144, 0], [393216, 0], [524288, 0], [674084, 0], [786431, 0]] },
  { file: 'pydicom-data/JPEG-LL.dcm', via: 'gdcm', type: 'Int16Array', photometric: 'MONOCHROME2', length: 262144, sum: 3596452, positional: 1844703896, min: 0, max: 278, samples: [[0, 0], [37449, 1], [87381, 20], [131072, 0], [174762, 20], [224694, 0], [262143, 0]] },
  { file: 'pydicom-data/RG3_J2KI.dcm', via: 'pydicom', type: 'Uint16Array', photometric: 'MONOCHROME1', length: 3097600, sum: 1030622924, positional: 525602536480, min: 0, max: 1023, samples: [[0, 0], [442514, 467], [1032533, 1011], [1548800, 0], [2065066, 968], [2655085, 877], [3097599, 0]] },
  { file: 'dcm_qa_ts/In/1.dcm', via: 'pydicom', type: 'Uint16Array', photometric: 'MONOCHROME2', length: 147456, sum: 38036663, positional: 19441600400, min: 0, max: 2362, samples: [[0, 0], [21065, 29], [49152, 0], [73728, 0], [98304, 0], [126390, 30], [147455, 0]] },
  { file: 'cornerstone3D/US-YBR_FULL_422-EVRLE.dcm', via: 'pydicom', type: 'Uint8Array', photometric: 'RGB', length: 1332000, sum: 20845333, positional: 10619965227, min: 0, max: 255, samples: [[0, 0], [190285, 18], [444000, 0], [666000, 72], [888000, 0], [1141714, 1], [1331999, 204]] },
  { file: 'highdicom/dx_image.dcm', via: 'pydicom', type: 'Uint8Array', photometric: 'MONOCHROME1', length: 35659, sum: 5913505, positional: 3009018613, min: 5, max: 255, samples: [[0, 211], [5094, 139], [11886, 130], [17829, 175], [23772, 119], [30564, 177], [35658, 249]] },
  { file: 'highdicom/seg_image_ct_binary.dcm', via: 'pydicom', type: 'Uint8Array', photometric: 'MONOCHROME2', length: 768, sum: 638, positional: 277383, min: 0, max: 1, samples: [[0, 1], [109, 0], [256, 1], [384, 1], [512, 1], [658, 1], [767, 1]] },
  { file: 'highdicom/seg_image_ct_binary_overlap.dcm', via: 'pydicom', type: 'Uint8Array', photometric: 'MONOCHROME2', length: 2048, sum: 80, positional: 38520, min: 0, max: 1, samples: [[0, 0], [292, 0], [682, 0], [1024, 0], [1365, 0], [1755, 0], [2047, 0]] },
  { file: 'dcmqi/segmentations/23x38x3/seg/label.seg', via: 'pydicom', type: 'Uint8Array', photometric: 'MONOCHROME2', length: 2622, sum: 322, positional: 116250, min: 0, max: 1, samples: [[0, 1], [374, 0], [874, 1], [1311, 0], [1748, 1], [2247, 0], [2621, 1]] },
  { file: 'dcmqi/segmentations/23x38x3/multiframe/mf.dcm', via: 'pydicom', type: 'Uint16Array', photometric: 'MONOCHROME2', length: 2622, sum: 310, positional: 108692, min: 0, max: 1, samples: [[0, 0], [374, 0], [874, 0], [1311, 0], [1748, 0], [2247, 0], [2621, 0]] },
  { file: 'dcmqi/segmentations/ct-3slice/01.dcm', via: 'pydicom', type: 'Int16Array', photometric: 'MONOCHROME2', length: 262144, sum: 16859773, positional: 16793893299, min: -2000, max: 2405, samples: [[0, -2000], [37449, -2000], [87381, 869], [131072, 7], [174762, 1016], [224694, -2000], [262143, -2000]] },
  { file: 'pydicom/MR_small_jpeg_ls_lossless.dcm', via: 'gdcm', type: 'Int16Array', photometric: 'MONOCHROME2', length: 4096, sum: 2125338, positional: 1134003677, min: 127, max: 2145, samples: [[0, 905], [585, 745], [1365, 446], [2048, 482], [2730, 785], [3510, 1436], [4095, 862]] },
  { file: 'pydicom/MR_small_jp2klossless.dcm', via: 'pydicom', type: 'Int16Array', photometric: 'MONOCHROME2', length: 4096, sum: 2125338, positional: 1134003677, min: 127, max: 2145, samples: [[0, 905], [585, 745], [1365, 446], [2048, 482], [2730, 785], [3510, 1436], [4095, 862]] },
  { file: 'dcm_qa_ts/In/3.dcm', via: 'pydicom', type: 'Uint16Array', photometric: 'MONOCHROME2', length: 147456, sum: 38036663, positional: 19441600400, min: 0, max: 2362, samples: [[0, 0], [21065, 29], [49152, 0], [73728, 0], [98304, 0], [126390, 30], [147455, 0]] },
  { file: 'dcm_qa_ts/In/4.dcm', via: 'pydicom', type: 'Uint16Array', photometric: 'MONOCHROME2', length: 147456, sum: 38036663, positional: 19441600400, min: 0, max: 2362, samples: [[0, 0], [21065, 29], [49152, 0], [73728, 0], [98304, 0], [126390, 30], [147455, 0]] },
  { file: 'dcm_qa_ts/In/7.dcm', via: 'gdcm', type: 'Uint16Array', photometric: 'MONOCHROME2', length: 147456, sum: 38036663, positional: 19441600400, min: 0, max: 2362, samples: [[0, 0], [21065, 29], [49152, 0], [73728, 0], [98304, 0], [126390, 30], [147455, 0]] },
  { file: 'dcm_qa_ts/In/9.dcm', via: 'pydicom', type: 'Uint16Array', photometric: 'MONOCHROME2', length: 147456, sum: 38036663, positional: 19441600400, min: 0, max: 2362, samples: [[0, 0], [21065, 29], [49152, 0], [73728, 0], [98304, 0], [126390, 30], [147455, 0]] },
  { file: 'pydicom-data/emri_small_jpeg_2k_lossless.dcm', via: 'pydicom', type: 'Uint16Array', photometric: 'MONOCHROME2', length: 40960, sum: 4493276, positional: 2299372600, min: 0, max: 467, samples: [[0, 31], [5851, 86], [13653, 12], [20480, 99], [27306, 42], [35108, 204], [40959, 147]] },
] as const;

describe('decodeAllFrames against pydicom', () => {
  it.each(REFERENCES)('$file', async (ref) => {
    const decoded = await decodeFile(ref.file);
    expect(decoded.pixels.constructor.name).toBe(ref.type);
    expect(decoded.photometricInterpretation).toBe(ref.photometric);
    const expectedSamples = ref.photometric === 'RGB' ? 3 : 1;
    expect(decoded.samplesPerPixel).toBe(expectedSamples);
    expect(decoded.pixels.length).toBe(
      decoded.rows * decoded.columns * expectedSamples * decoded.numberOfFrames,
    );
    const { file: _f, via: _v, type: _t, photometric: _p, ...expected } = ref;
    expect(
      summarise(
        decoded.pixels,
        ref.samples.map(([i]) => i),
      ),
    ).toEqual(expected);
  });
});

/** First index where two arrays differ (-1 if none); toEqual on million-element typed arrays is slow. */
function firstDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return i;
  return -1;
}

function expectSame(actual: ArrayLike<number> | undefined, expected: ArrayLike<number> | undefined): void {
  if (!actual || !expected) throw new Error('nothing to compare');
  expect(actual.constructor).toBe(expected.constructor);
  expect(firstDifference(actual, expected)).toBe(-1);
}

async function allPixels(files: readonly string[]) {
  return Promise.all(files.map(async (file) => (await decodeFile(file)).pixels));
}

describe('one image in many encodings decodes to one array', () => {
  it('MR_small in ELE, ILE, two EBE, RLE, JPEG-LS, JPEG 2000 and padded', async () => {
    const names = [
      '',
      '_implicit',
      '_bigendian',
      '_expb',
      '_RLE',
      '_jpeg_ls_lossless',
      '_jp2klossless',
      '_padded',
    ];
    const [first, ...rest] = await allPixels(names.map((n) => `pydicom/MR_small${n}.dcm`));
    expect(first).toBeInstanceOf(Int16Array);
    for (const other of rest) expectSame(other, first);
  });

  it('the dcm_qa_ts mosaic in its nine transfer syntaxes', async () => {
    const [first, ...rest] = await allPixels([1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => `dcm_qa_ts/In/${n}.dcm`));
    expect(first).toHaveLength(384 * 384);
    for (const other of rest) expectSame(other, first);
  });

  it('the 10-frame emri_small in ELE, EBE, RLE, JPEG-LS and JPEG 2000', async () => {
    const names = ['', '_big_endian', '_RLE', '_jpeg_ls_lossless', '_jpeg_2k_lossless'];
    const [first, ...rest] = await allPixels(names.map((n) => `pydicom-data/emri_small${n}.dcm`));
    expect(first).toHaveLength(10 * 64 * 64);
    for (const other of rest) expectSame(other, first);
  });

  it('RGB 3x3 with odd-length pixel data, little and big endian (8-bit samples in OW words)', async () => {
    // pydicom 2.3 does not swap 8-bit OW in big endian and disagrees; DCMTK (dcmconv +te) and GDCM
    // (gdcmconv -w) both give the little-endian file's values.
    const [little, big] = await allPixels([
      'pydicom/SC_rgb_small_odd.dcm',
      'pydicom/SC_rgb_small_odd_big_endian.dcm',
    ]);
    expectSame(big, little);
  });

  it('JPEG-lossy.dcm (bad SOS parameters) decodes like its fixed copy JPGExtended.dcm, as GDCM and DCMTK do', async () => {
    const [lossy, fixed] = await allPixels(['pydicom/JPEG-lossy.dcm', 'pydicom/JPGExtended.dcm']);
    expectSame(lossy, fixed);
  });

  it('native YBR_FULL_422 equals the same image as JPEG YBR_FULL (pydicom test pair)', async () => {
    const [native, jpeg] = await allPixels([
      'pydicom/SC_ybr_full_422_uncompressed.dcm',
      'pydicom/SC_rgb_jpeg_dcmtk.dcm',
    ]);
    expectSame(native, jpeg);
  });
});

describe('decodeFrame', () => {
  it.each([
    ['pydicom-data/emri_small_jpeg_ls_lossless.dcm', 7],
    ['pydicom-data/emri_small_RLE.dcm', 9],
    ['pydicom/examples_ybr_color.dcm', 29],
    ['pydicom/rtdose.dcm', 14],
    // 38x23 = 874 bits per frame: frame 1 starts in the middle of byte 109.
    ['dcmqi/segmentations/23x38x3/seg/label.seg', 1],
    ['dcmqi/segmentations/23x38x3/seg/label.seg', 2],
  ])('%s frame %i is that slice of decodeAllFrames', async (file, frame) => {
    const { dataSet, ts } = load(file);
    const all = await decodeAllFrames(dataSet, ts);
    const one = await decodeFrame(dataSet, ts, frame);
    const size = one.pixels.length;
    expect(one.numberOfFrames).toBe(1);
    expect(size).toBe(all.pixels.length / all.numberOfFrames);
    expectSame(one.pixels, all.pixels.slice(frame * size, (frame + 1) * size));
  });

  it('reports source and output photometric interpretations', async () => {
    const { dataSet, ts } = load('pydicom/examples_ybr_color.dcm');
    const frame = await decodeFrame(dataSet, ts, 0);
    expect(frame).toMatchObject({
      rows: 240,
      columns: 320,
      samplesPerPixel: 3,
      photometricInterpretation: 'RGB',
      sourcePhotometricInterpretation: 'YBR_FULL_422',
    });
    const mono1 = await decodeFrame(load('highdicom/dx_image.dcm').dataSet, '1.2.840.10008.1.2.1', 0);
    expect(mono1.photometricInterpretation).toBe('MONOCHROME1');
    expect(mono1.sourcePhotometricInterpretation).toBe('MONOCHROME1');
  });

  it('rejects frame indices outside the image as a programming error', async () => {
    const { dataSet, ts } = load('pydicom/MR_small.dcm');
    await expect(decodeFrame(dataSet, ts, 1)).rejects.toThrow(RangeError);
    await expect(decodeFrame(dataSet, ts, -1)).rejects.toThrow(RangeError);
  });

  it('does not modify the dataset bytes', async () => {
    const { dataSet, ts } = load('pydicom/ExplVR_BigEnd.dcm');
    const before = Uint8Array.from(dataSet.byteArray);
    await decodeAllFrames(dataSet, ts);
    expect(Uint8Array.from(dataSet.byteArray)).toEqual(before);
  });
});
