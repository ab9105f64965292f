import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type ExportDataset, nnunetFiles } from '@voxelhub/core/export';
import { describeInputs, loadFoundImage, readNiftiFile } from '@voxelhub/core/node';
import { CASE_NAME, DATASET_ID, DATASET_NAME } from './export-case.js';
import { exportLabels, readOrganLabels } from './organ-schema.js';

const seconds = (from: number, to: number) => (to - from) / 1000;

/**
 * `node ours-nnunet.js SERIES_FOLDER MASK.nii.gz LABELS.json OUT_FOLDER`: our side of the nnU-Net export
 * as a whole process, files on disk to files on disk. Finds and loads the DICOM series (core's header
 * scan, series assembly and loader), reads the mask, makes the nnU-Net v2 files with core's nnunetFiles
 * and writes them. Prints one JSON object: the seconds of each step, the files written and peak memory.
 */
async function main(series: string, maskPath: string, labelsPath: string, out: string): Promise<void> {
  const started = performance.now();
  const found = await describeInputs([series]);
  const image = found.images[0];
  if (found.images.length !== 1 || image?.source !== 'dicom') throw new Error('expected one DICOM series');
  const volume = await loadFoundImage(image);
  const loaded = performance.now();
  const mask = await readNiftiFile(maskPath);
  if (!(mask.data instanceof Uint8Array)) throw new Error(`the mask is ${mask.dataType}, not uint8`);
  const labels = exportLabels(await readOrganLabels(labelsPath));
  const maskRead = performance.now();
  const { dims, spacing, origin, direction } = volume;
  const dataset: ExportDataset = {
    name: DATASET_NAME,
    images: [
      {
        id: 'ct',
        subjectId: 'subject-1',
        caseName: CASE_NAME,
        format: 'dicom',
        modality: 'CT',
        geometry: { dims, spacing, origin, direction },
      },
    ],
    labels,
    annotations: [],
  };
  const files = nnunetFiles({
    dataset,
    // As the server's export does: Node's native zlib, not core's pure-JS default.
    gzip: (nii) => new Uint8Array(gzipSync(nii)),
    images: new Map([['ct', volume]]),
    labelMaps: new Map([
      // The mask file's own grid: nnunetFiles refuses one that differs from the image's.
      [
        'ct',
        {
          dims: mask.dims,
          voxels: mask.data,
          geometry: {
            dims: mask.dims,
            spacing: mask.spacing,
            origin: mask.origin,
            direction: mask.direction,
          },
        },
      ],
    ]),
    datasetId: DATASET_ID,
    datasetName: DATASET_NAME,
  });
  const encoded = performance.now();
  for (const file of files) {
    const path = join(out, file.path);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, file.bytes);
  }
  const written = performance.now();
  const report = {
    seconds: {
      loadSeries: seconds(started, loaded),
      readMask: seconds(loaded, maskRead),
      encode: seconds(maskRead, encoded),
      write: seconds(encoded, written),
    },
    files: files.map((f) => ({ path: f.path, bytes: f.bytes.length })),
    // maxRSS is in KiB.
    maxRssMb: (process.resourceUsage().maxRSS * 1024) / 1e6,
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

const [series, mask, labels, out] = process.argv.slice(2);
if (!series || !mask || !labels || !out) {
  process.stderr.write('usage: node ours-nnunet.js SERIES_FOLDER MASK.nii.gz LABELS.json OUT_FOLDER\n');
  process.exitCode = 2;
} else {
  await main(series, mask, labels, out);
}
