import { z } from 'zod';
import {
  ACCESS_LEVELS,
  ANNOTATION_TYPES,
  BODY_REGIONS,
  FILE_FORMATS,
  IMAGE_UNITS,
  MODALITIES,
  RESOURCE_KINDS,
  TASKS,
  TOOL_PLATFORMS,
} from './catalog-vocabulary.js';

/** Lower-case words joined by '-': an entry's id is also its file name (catalog/<kind>s/<id>.json). */
const catalogId = z
  .string()
  .min(2)
  .max(80)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'lower-case letters, digits and single hyphens');

const httpsUrl = z.url({ protocol: /^https?$/ });

/**
 * Where an entry's facts were checked, and when. Every entry names at least one: the dataset's own page,
 * its paper, or the archive that hosts it. `facts` says which fields this source backs.
 */
const source = z.strictObject({
  url: httpsUrl,
  checked: z.iso.date(),
  facts: z.string().min(1).max(500),
});

/** Unique values, at least one: a facet value listed twice would be counted twice. */
function uniqueList<T extends z.ZodType>(item: T) {
  return z
    .array(item)
    .min(1)
    .refine((values) => new Set(values).size === values.length, 'values must not repeat');
}

/** A count that is known, or null when the sources do not give it (never a guess). */
const count = z.number().int().positive().nullable();

export const datasetEntrySchema = z.strictObject({
  id: catalogId,
  name: z.string().min(1).max(200),
  /** One or two sentences: what is imaged and what is labelled. */
  summary: z.string().min(1).max(1000),
  modalities: uniqueList(z.enum(MODALITIES)),
  bodyRegions: uniqueList(z.enum(BODY_REGIONS)),
  tasks: uniqueList(z.enum(TASKS)),
  annotationTypes: uniqueList(z.enum(ANNOTATION_TYPES)),
  /** The labels or classes, as the dataset names them (empty when there are too many to list). */
  labels: z.array(z.string().min(1).max(200)).max(200),
  subjects: count,
  images: count,
  imageUnit: z.enum(IMAGE_UNITS),
  fileFormats: uniqueList(z.enum(FILE_FORMATS)),
  /** The license's name as the dataset states it, e.g. 'CC BY 4.0'; 'custom' terms are named in notes. */
  license: z.string().min(1).max(200),
  licenseUrl: httpsUrl.optional(),
  access: z.enum(ACCESS_LEVELS),
  /** The year the data was first released. */
  year: z.number().int().min(1980).max(2100).nullable(),
  url: httpsUrl,
  citation: z.string().min(1).max(1000),
  doi: z
    .string()
    .regex(/^10\.\d{4,9}\/\S+$/, 'a DOI such as 10.1038/s41597-019-0322-0')
    .optional(),
  notes: z.string().max(2000).default(''),
  sources: z.array(source).min(1),
});
export type DatasetEntry = z.infer<typeof datasetEntrySchema>;

export const toolEntrySchema = z.strictObject({
  id: catalogId,
  name: z.string().min(1).max(200),
  summary: z.string().min(1).max(1000),
  license: z.string().min(1).max(200),
  platforms: uniqueList(z.enum(TOOL_PLATFORMS)),
  /** Formats it reads or writes, as free words (its own list is longer than ours). */
  formats: z.array(z.string().min(1).max(100)).min(1),
  annotationTypes: z.array(z.enum(ANNOTATION_TYPES)),
  url: httpsUrl,
  notes: z.string().max(2000).default(''),
  sources: z.array(source).min(1),
});
export type ToolEntry = z.infer<typeof toolEntrySchema>;

export const resourceEntrySchema = z.strictObject({
  id: catalogId,
  name: z.string().min(1).max(200),
  summary: z.string().min(1).max(1000),
  kind: z.enum(RESOURCE_KINDS),
  url: httpsUrl,
  notes: z.string().max(2000).default(''),
  sources: z.array(source).min(1),
});
export type ResourceEntry = z.infer<typeof resourceEntrySchema>;

export const CATALOG_KINDS = {
  datasets: datasetEntrySchema,
  tools: toolEntrySchema,
  resources: resourceEntrySchema,
} as const;
export type CatalogKind = keyof typeof CATALOG_KINDS;
