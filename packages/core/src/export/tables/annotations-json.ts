import { z } from 'zod';
import { annotationPayloadSchema, formatIssuePath, LABEL_TYPES } from '../../annotation/index.js';
import {
  type ExportAnnotation,
  type ExportDataset,
  type ExportFile,
  type ExportImage,
  type ExportLabel,
  SPLITS,
} from '../export-dataset.js';
import { decodeUtf8 } from './csv-table.js';
import { TableImportError, type TableIssue } from './table-import-error.js';

/**
 * annotations.json: the whole dataset as `{ name, images, labels, annotations }`, images and labels as the
 * export model holds them and each annotation as `{ id, imageId, labelId, payload }` with the payload exactly
 * as core's annotationPayloadSchema defines it (current schema versions). The importer checks every payload
 * with that schema and every reference, and reports all bad entries: row is the index in the array named by
 * the field path (e.g. row 3, field `annotations[3].payload.data.points[0].index[1]`).
 */
export const ANNOTATIONS_JSON = 'annotations.json';

export function writeAnnotationsJson(dataset: ExportDataset): ExportFile {
  const json = {
    name: dataset.name,
    images: dataset.images,
    labels: dataset.labels,
    annotations: dataset.annotations.map(({ id, imageId, labelId, payload }) => ({
      id,
      imageId,
      labelId,
      payload,
    })),
  };
  return { path: ANNOTATIONS_JSON, bytes: new TextEncoder().encode(`${JSON.stringify(json, null, 2)}\n`) };
}

const n = z.number();
const vec3 = z.tuple([n, n, n]);
const id = z.string().min(1);

const imageSchema = z.strictObject({
  id,
  subjectId: id,
  caseName: id,
  format: z.enum(['dicom', 'nifti', 'png', 'jpeg']),
  modality: z.string().nullable(),
  geometry: z.strictObject({
    dims: z.tuple([z.number().int().min(1), z.number().int().min(1), z.number().int().min(1)]),
    spacing: z.tuple([z.number().positive(), z.number().positive(), z.number().positive()]),
    origin: vec3,
    direction: z.tuple([n, n, n, n, n, n, n, n, n]),
  }),
  split: z.enum(SPLITS).optional(),
});

const labelSchema = z.strictObject({
  id,
  name: z.string().min(1),
  type: z.enum(LABEL_TYPES),
  colour: z.string().regex(/^#[0-9a-fA-F]{6}$/),
  classIndex: z.number().int().min(1),
  options: z.array(z.strictObject({ id, name: z.string().min(1) })).optional(),
});

const annotationSchema = z.strictObject({ id, imageId: id, labelId: id, payload: annotationPayloadSchema });

const datasetSchema = z.strictObject({
  name: z.string(),
  images: z.array(z.unknown()),
  labels: z.array(z.unknown()),
  annotations: z.array(z.unknown()),
});

/** Every entry of `entries` that fails `schema`, as issues of row `index` with full field paths. */
function checkEach<T>(
  file: string,
  field: string,
  entries: readonly unknown[],
  schema: z.ZodType<T>,
  issues: TableIssue[],
): T[] {
  const valid: T[] = [];
  entries.forEach((entry, row) => {
    const parsed = schema.safeParse(entry);
    if (parsed.success) valid.push(parsed.data);
    else
      for (const issue of parsed.error.issues)
        issues.push({
          file,
          row,
          column: formatIssuePath([field, row, ...issue.path]),
          message: issue.message,
        });
  });
  return valid;
}

function checkReferences(file: string, dataset: Omit<ExportDataset, 'name'>, issues: TableIssue[]): void {
  const images = new Set(dataset.images.map((i) => i.id));
  const labels = new Set(dataset.labels.map((l) => l.id));
  dataset.annotations.forEach((a, row) => {
    const at = (field: string, message: string) =>
      issues.push({ file, row, column: `annotations[${row}].${field}`, message });
    if (!images.has(a.imageId)) at('imageId', `no image has id "${a.imageId}"`);
    if (!labels.has(a.labelId)) at('labelId', `no label has id "${a.labelId}"`);
    if (a.payload.imageRef.imageId !== a.imageId)
      at('payload.imageRef.imageId', "differs from the annotation's imageId");
    if (a.payload.labelId !== a.labelId) at('payload.labelId', "differs from the annotation's labelId");
  });
}

/** Reads annotations.json back; throws TableImportError listing every bad entry. */
export function readAnnotationsJson(file: ExportFile): ExportDataset {
  let json: unknown;
  try {
    json = JSON.parse(decodeUtf8(file));
  } catch (error) {
    if (error instanceof TableImportError) throw error;
    throw new TableImportError([
      { file: file.path, row: 0, column: '', message: `not JSON (${(error as Error).message})` },
    ]);
  }
  const top = datasetSchema.safeParse(json);
  if (!top.success)
    throw new TableImportError(
      top.error.issues.map((i) => ({
        file: file.path,
        row: 0,
        column: formatIssuePath(i.path),
        message: i.message,
      })),
    );
  const issues: TableIssue[] = [];
  const images = checkEach(file.path, 'images', top.data.images, imageSchema, issues) as ExportImage[];
  const labels = checkEach(file.path, 'labels', top.data.labels, labelSchema, issues) as ExportLabel[];
  const annotations = checkEach(
    file.path,
    'annotations',
    top.data.annotations,
    annotationSchema,
    issues,
  ) as ExportAnnotation[];
  if (issues.length === 0) checkReferences(file.path, { images, labels, annotations }, issues);
  if (issues.length > 0) throw new TableImportError(issues);
  return { name: top.data.name, images, labels, annotations };
}
