import { parseDicom } from '../dicom/parse-dicom.js';
import { asReadError } from '../errors/image-read-error.js';
import { readPart10Dataset, writePart10Dataset } from './dcmjs-dataset.js';
import { type DeidentifyOptions, deidentifyDataset } from './deidentify-dataset.js';

/**
 * A de-identified copy of a DICOM file's bytes. The copy is read back with core's parser before it is
 * returned: dcmjs reads some damaged files (a pixel data sequence cut short) without complaint and would
 * write them out broken, and a copy nobody can read is worse than a refusal.
 */
export async function deidentifyPart10(bytes: Uint8Array, settings: DeidentifyOptions & { file?: string }) {
  const output = writePart10Dataset(
    await deidentifyDataset(readPart10Dataset(bytes, settings.file), settings),
  );
  try {
    parseDicom(output);
  } catch (error) {
    throw asReadError(error, 'MALFORMED', settings.file);
  }
  return output;
}
