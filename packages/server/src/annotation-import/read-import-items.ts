import type { ImportContext } from './import-context.js';
import type { ImportFormat } from './import-format.js';
import type { ImportedItems } from './imported-items.js';
import { readCoco } from './read-coco.js';
import { readDicomSegFiles } from './read-dicom-seg-files.js';
import { readDicomSrFiles } from './read-dicom-sr-files.js';
import { readNiftiLabelMaps } from './read-nifti-label-maps.js';
import { readRtstructFiles } from './read-rtstruct-files.js';
import { readSegmentationFolder } from './read-segmentation-folder.js';
import { readAnnotationsJsonFile, readCsvTables } from './read-tables.js';
import { readYolo } from './read-yolo.js';

/** The reader of each format. */
export async function readImportItems(format: ImportFormat, context: ImportContext): Promise<ImportedItems> {
  switch (format) {
    case 'coco':
      return readCoco(context);
    case 'yolo':
      return readYolo(context);
    case 'nnunet':
    case 'msd':
      return readSegmentationFolder(context, format);
    case 'nifti':
      return readNiftiLabelMaps(context);
    case 'dicom-seg':
      return readDicomSegFiles(context);
    case 'dicom-sr':
      return readDicomSrFiles(context);
    case 'rtstruct':
      return readRtstructFiles(context);
    case 'csv':
      return readCsvTables(context);
    case 'annotations-json':
      return readAnnotationsJsonFile(context);
  }
}
