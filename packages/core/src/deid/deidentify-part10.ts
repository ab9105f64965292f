import { parseDicom } from '../dicom/parse-dicom.js';
import { asReadError } from '../errors/image-read-error.js';
import { readPart10Parts, writePart10Chunks } from './dcmjs-dataset.js';
import { type DeidentifyOptions, deidentifyDatasetSync } from './deidentify-dataset.js';
import { joinChunks } from './join-chunks.js';

/**
 * A de-identified copy of a DICOM file, as the chunks to write one after another: the de-identified
 * dataset, then, when the file ends with it, the Pixel Data element exactly as the input holds it (it
 * holds no attribute, and copying half a megabyte per CT slice through a DICOM writer is most of the
 * work otherwise). The written dataset is read back with core's parser before it is returned: dcmjs reads
 * some damaged files (a pixel data sequence cut short) without complaint and would write them out
 * broken, and a copy nobody can read is worse than a refusal. A Pixel Data element copied as it was has
 * already passed that parser in the input.
 */
export function deidentifyPart10Chunks(
  bytes: Uint8Array,
  settings: DeidentifyOptions & { file?: string },
): Uint8Array[] {
  const parts = readPart10Parts(bytes, settings.file);
  const chunks = writePart10Chunks({ ...parts, dataset: deidentifyDatasetSync(parts.dataset, settings) });
  try {
    parseDicom(chunks[0]!);
  } catch (error) {
    throw asReadError(error, 'MALFORMED', settings.file);
  }
  return chunks;
}

/** A de-identified copy of a DICOM file's bytes (deidentifyPart10Chunks joined). */
export function deidentifyPart10Sync(
  bytes: Uint8Array,
  settings: DeidentifyOptions & { file?: string },
): Uint8Array {
  return joinChunks(deidentifyPart10Chunks(bytes, settings));
}

/** deidentifyPart10Sync behind a promise, the form the CLI and the server call. */
export async function deidentifyPart10(
  bytes: Uint8Array,
  settings: DeidentifyOptions & { file?: string },
): Promise<Uint8Array> {
  return deidentifyPart10Sync(bytes, settings);
}
