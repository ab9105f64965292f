/**
 * The annotation import's request and answer (POST /api/projects/:id/annotation-imports, see
 * docs/import-annotations.md): the form sent, and the report shown.
 */

export const IMPORT_FORMAT_CHOICES = [
  { value: 'auto', name: 'Tell from the files' },
  { value: 'coco', name: 'COCO (instances JSON)' },
  { value: 'yolo', name: 'YOLO (data.yaml + labels/)' },
  { value: 'nnunet', name: 'nnU-Net v2 raw dataset' },
  { value: 'msd', name: 'Medical Segmentation Decathlon' },
  { value: 'nifti', name: 'NIfTI label maps' },
  { value: 'dicom-seg', name: 'DICOM SEG' },
  { value: 'dicom-sr', name: 'DICOM SR measurement report' },
  { value: 'csv', name: 'CSV tables' },
  { value: 'annotations-json', name: 'Voxelhub annotations.json' },
] as const;

export type ImportFormatChoice = (typeof IMPORT_FORMAT_CHOICES)[number]['value'];

export interface AnnotationImportReport {
  readonly format: string;
  readonly dryRun: boolean;
  readonly created: readonly { label: string; labelId: string; type: string; count: number }[];
  readonly createdTotal: number;
  readonly newLabels: readonly { id: string; name: string; type: string }[];
  readonly skipped: readonly { file: string; reason: string }[];
}

export function annotationImportUrl(projectId: string): string {
  return `/api/projects/${encodeURIComponent(projectId)}/annotation-imports`;
}

/** The multipart form: the fields first, so the server knows them before the file streams in. */
export function annotationImportForm(
  file: Blob & { name?: string },
  format: ImportFormatChoice,
  dryRun: boolean,
) {
  const form = new FormData();
  if (format !== 'auto') form.append('format', format);
  if (dryRun) form.append('dryRun', 'true');
  form.append('file', file, file.name ?? 'upload');
  return form;
}

/** One line saying what happened. */
export function importSummary(report: AnnotationImportReport): string {
  const verb = report.dryRun ? 'would create' : 'created';
  const made = `${report.format}: ${verb} ${report.createdTotal} annotation${report.createdTotal === 1 ? '' : 's'}`;
  const labels = report.newLabels.length > 0 ? `, ${report.newLabels.length} new label(s)` : '';
  const skipped = report.skipped.length > 0 ? `; ${report.skipped.length} item(s) skipped` : '';
  return `${made}${labels}${skipped}`;
}
