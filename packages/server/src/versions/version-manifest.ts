import { createHash } from 'node:crypto';
import type { AnnotationPayload } from '@voxelhub/core/annotation';
import type { Split } from '@voxelhub/core/export';
import type { LabelType, VersionSource } from '../storage/schema.js';

/** One case of a version: an annotated image, or an annotated series (a volume). */
export interface ManifestCase {
  readonly id: string;
  readonly kind: 'image' | 'series';
  /** The subject's pseudonym; a loose image (no study) is its own subject. */
  readonly subjectId: string;
  readonly caseName: string;
  readonly format: string;
  readonly modality: string | null;
  readonly split: Split;
  /** SHA-256 of each image file of the case, sorted: the pixels the version was made on. */
  readonly contentHashes: readonly string[];
}

export interface ManifestLabel {
  readonly id: string;
  readonly name: string;
  readonly type: LabelType;
  readonly colour: string;
  readonly classIndex: number;
  readonly options?: readonly { readonly id: string; readonly name: string }[];
}

export interface ManifestAnnotation {
  readonly id: string;
  readonly revision: number;
  readonly caseId: string;
  readonly labelId: string;
  readonly payload: AnnotationPayload;
}

export interface SplitSettings {
  readonly seed: number;
  readonly fractions: { readonly train: number; readonly validation: number; readonly test: number };
}

/** What a version froze. Its canonical JSON's SHA-256 is the version's content hash. */
export interface VersionManifest {
  readonly schema: 1;
  readonly source: VersionSource;
  readonly splits: SplitSettings;
  readonly cases: readonly ManifestCase[];
  readonly labels: readonly ManifestLabel[];
  readonly annotations: readonly ManifestAnnotation[];
}

/**
 * JSON with object keys sorted at every level and no spaces: the same content always gives the same
 * bytes, whatever order a query returned rows or a payload's keys in, so equal content hashes equally.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function manifestHash(manifest: VersionManifest): string {
  return createHash('sha256').update(canonicalJson(manifest)).digest('hex');
}
