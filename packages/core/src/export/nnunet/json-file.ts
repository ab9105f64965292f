import type { ExportFile } from '../export-dataset.js';

/** A JSON file as the tools that read these datasets write them: UTF-8, indented, newline at the end. */
export function jsonFile(path: string, value: unknown): ExportFile {
  return { path, bytes: new TextEncoder().encode(`${JSON.stringify(value, null, 2)}\n`) };
}
