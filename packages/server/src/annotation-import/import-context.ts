import { IDENTITY3 } from '@voxelhub/core';
import type { ExportFile, ExportLabel, YoloImage } from '@voxelhub/core/export';
import type { CaseMatcher } from './case-matcher.js';
import type { ImportCase } from './project-cases.js';

/** What every format reader reads onto: the files, the project's cases, how to match them, its labels. */
export interface ImportContext {
  readonly files: readonly ExportFile[];
  readonly cases: ReadonlyMap<string, ImportCase>;
  readonly matcher: CaseMatcher;
  /** One per case, named as the files name it (CaseMatcher.nameOf), for core's readers. */
  readonly images: readonly YoloImage[];
  /** The project's labels in schema order (classIndex 1, 2, …). */
  readonly projectLabels: readonly ExportLabel[];
}

/** A stand-in grid for cases with no stored geometry: formats that need a grid refuse them by size. */
const NO_GEOMETRY = { dims: [1, 1, 1], spacing: [1, 1, 1], origin: [0, 0, 0], direction: IDENTITY3 } as const;

/** The project's cases as core's readers want images: id = case id, caseName = the name files use. */
export function caseImages(cases: ReadonlyMap<string, ImportCase>, matcher: CaseMatcher): YoloImage[] {
  return [...cases.values()].map(
    (c): YoloImage => ({
      id: c.id,
      subjectId: c.id,
      caseName: matcher.nameOf(c),
      format: 'dicom',
      modality: null,
      geometry: c.geometry ?? NO_GEOMETRY,
      ...(c.cine ? { kind: 'frames' as const } : {}),
    }),
  );
}
