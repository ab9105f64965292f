import type { DatasetLayout } from './dataset-layout.js';
import { baseName, isImageName, maybeDicomName, shallowest } from './layout-paths.js';
import { cocoLayout, yoloLayout } from './object-layout.js';
import { segmentationLayout } from './segmentation-layout.js';
import { tableLayout } from './table-layout.js';

/** Reads a small file of the folder as text (the browser reads a File, the server a path). */
export type ReadLayoutText = (path: string) => Promise<string>;

/** JSON and CSV files read to recognise COCO or a label table: enough for a dataset's own, not a dump. */
const MAX_CANDIDATES = 20;

async function readAll(paths: readonly string[], read: ReadLayoutText) {
  return Promise.all(paths.slice(0, MAX_CANDIDATES).map(async (path) => ({ path, text: await read(path) })));
}

/**
 * Recognises the layout of a downloaded dataset from its file list (relative paths, forward slashes),
 * reading only its small descriptive files, in this order:
 * 1. a dataset.json: nnU-Net v2 (channel_names, file_ending) or the Medical Segmentation Decathlon;
 * 2. a data.yaml with a labels/ folder: YOLO;
 * 3. a JSON with images, annotations and categories: COCO;
 * 4. a CSV whose column names the image files: images with a table of labels (ChestX-ray14, CheXpert);
 * 5. DICOM files (SEG and RTSTRUCT among them are labels, told apart by their headers on import);
 * 6. otherwise, plain image files.
 * A folder that claims a layout and breaks it (a case without its label, a bad dataset.json) is a
 * LayoutError naming the file, rather than a half-import.
 */
export async function recogniseLayout(
  paths: readonly string[],
  readText: ReadLayoutText,
): Promise<DatasetLayout> {
  const files = paths.filter((p) => !baseName(p).startsWith('.')).sort();
  const datasetJson = shallowest(files, 'dataset.json');
  if (datasetJson) return segmentationLayout(files, datasetJson, await readText(datasetJson));

  const images = files.filter(isImageName);
  const dataYaml = shallowest(files, 'data.yaml');
  const labelFiles = files.filter((p) => /(^|\/)labels\/.*\.txt$/.test(p));
  if (dataYaml && labelFiles.length > 0) {
    const first = labelFiles[0];
    return yoloLayout(
      { path: dataYaml, text: await readText(dataYaml) },
      first ? await readText(first) : undefined,
      images,
      labelFiles,
      files,
    );
  }

  const coco = cocoLayout(
    await readAll(
      files.filter((p) => p.toLowerCase().endsWith('.json')),
      readText,
    ),
    images,
    files,
  );
  if (coco) return coco;

  const rasters = images.filter((p) => /\.(png|jpe?g)$/i.test(p));
  const table = tableLayout(
    await readAll(
      files.filter((p) => p.toLowerCase().endsWith('.csv')),
      readText,
    ),
    rasters,
    files,
  );
  if (table) return table;

  const dicom = files.filter((p) => maybeDicomName(p));
  if (dicom.length > 0 && dicom.length >= images.length - dicom.filter(isImageName).length) {
    const used = new Set(dicom);
    return {
      kind: 'dicom',
      files: dicom,
      labels: [],
      ignored: files.filter((p) => !used.has(p)),
      summary: `DICOM folder: ${dicom.length} files (SEG and RTSTRUCT files become labels)`,
    };
  }
  const used = new Set(images);
  return {
    kind: 'images',
    images,
    labels: [],
    ignored: files.filter((p) => !used.has(p)),
    summary: `${images.length} image files, no labels recognised`,
  };
}
