import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { type DemoDataset, type DemoDatasetOptions, generateDemoDataset } from '../demo/demo-dataset.js';

/**
 * Generates the demo dataset and writes its DICOM files under `folder` (ct/, dx/, us/ subfolders,
 * created as needed; files already there are overwritten). Returns the dataset and the paths written.
 */
export async function writeDemoDataset(
  folder: string,
  options: DemoDatasetOptions = {},
): Promise<{ dataset: DemoDataset; paths: string[] }> {
  const dataset = generateDemoDataset(options);
  const paths: string[] = [];
  for (const file of dataset.files) {
    const path = join(folder, file.name);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, file.bytes);
    paths.push(path);
  }
  return { dataset, paths };
}
