import { writeFile } from 'node:fs/promises';
import { newDicomUid, renumberLabelMap, segmentsFromLabels, writeDicomSeg } from '@voxelhub/core/export';
import { describeInputs, readNiftiFile } from '@voxelhub/core/node';
import { exportLabels, readOrganLabels } from './organ-schema.js';

const seconds = (from: number, to: number) => (to - from) / 1000;

/**
 * `node ours-dicom-seg.js SERIES_FOLDER MASK.nii.gz LABELS.json OUT.dcm`: our side of the DICOM SEG
 * export as a whole process. Reads the series' headers only (core's header scan and series assembly give
 * the slice order and each slice's instance), reads the mask, renumbers it to segments 1…N
 * (segmentsFromLabels, renumberLabelMap) and writes a BINARY SEG referencing the source instances with
 * core's writeDicomSeg. Prints one JSON object: the seconds of each step, the bytes written, peak memory.
 */
async function main(series: string, maskPath: string, labelsPath: string, out: string): Promise<void> {
  const started = performance.now();
  const found = await describeInputs([series]);
  const image = found.images[0];
  if (found.images.length !== 1 || image?.source !== 'dicom') throw new Error('expected one DICOM series');
  const { plan } = image;
  const first = plan.frames[0]!.header;
  const scanned = performance.now();
  const mask = await readNiftiFile(maskPath);
  const { segments, segmentOfClass } = segmentsFromLabels(exportLabels(await readOrganLabels(labelsPath)));
  const voxels = renumberLabelMap(mask.data, segmentOfClass);
  const maskRead = performance.now();
  const bytes = writeDicomSeg({
    labelMap: { voxels, dims: mask.dims },
    geometry: plan.geometry,
    segments,
    type: 'BINARY',
    uids: { seriesInstanceUid: newDicomUid(), sopInstanceUid: newDicomUid() },
    source: {
      studyInstanceUid: first.studyInstanceUID!,
      seriesInstanceUid: first.seriesInstanceUID!,
      frameOfReferenceUid: first.frameOfReferenceUID!,
      referencedInstances: plan.frames.map((f) => ({
        sopClassUid: f.header.sopClassUID!,
        sopInstanceUid: f.header.sopInstanceUID!,
      })),
      ...(first.sliceThickness ? { sliceThickness: first.sliceThickness } : {}),
      ...(first.patientId ? { patientId: first.patientId } : {}),
    },
  });
  const encoded = performance.now();
  await writeFile(out, bytes);
  const written = performance.now();
  const report = {
    seconds: {
      scanHeaders: seconds(started, scanned),
      readMask: seconds(scanned, maskRead),
      encode: seconds(maskRead, encoded),
      write: seconds(encoded, written),
    },
    bytes: bytes.length,
    // maxRSS is in KiB.
    maxRssMb: (process.resourceUsage().maxRSS * 1024) / 1e6,
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

const [series, mask, labels, out] = process.argv.slice(2);
if (!series || !mask || !labels || !out) {
  process.stderr.write('usage: node ours-dicom-seg.js SERIES_FOLDER MASK.nii.gz LABELS.json OUT.dcm\n');
  process.exitCode = 2;
} else {
  await main(series, mask, labels, out);
}
