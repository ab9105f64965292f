import type { ExportFile } from '@voxelhub/core/export';
import { z } from 'zod';
import { ApiError } from '../errors/api-error.js';
import type { ImportCase } from './project-cases.js';

/** Where a DICOM instance lies among the cases: the case and the slice (or frame) it is. */
export interface InstancePlace {
  readonly case: ImportCase;
  readonly index: number;
}

/**
 * Finds the project's case for a name in a file, in the order the import promises:
 * (a) a `manifest.json` in the archive (Voxelhub's own export) names each case's caseName and id;
 * (b) DICOM references: a SOP Instance UID is an image's, a Series Instance UID a series';
 * (c) a case name or file stem equal to an image id or a series id of the project;
 * (d) anything else is unmatched, and the reader reports it with its file.
 */
export interface CaseMatcher {
  /** Rules (a) then (c). */
  byName(name: string): ImportCase | undefined;
  /** The name files use for a case: its manifest caseName, else its id. */
  nameOf(c: ImportCase): string;
  /** Rule (b), per instance. */
  bySopInstanceUid(uid: string): InstancePlace | undefined;
  /** Rule (b), per series. */
  bySeriesInstanceUid(uid: string): ImportCase | undefined;
}

const manifestSchema = z.object({
  cases: z.array(z.object({ id: z.string(), caseName: z.string() }).passthrough()),
});

/** The shallowest manifest.json of the archive (an export may sit in a folder or two), if there is one. */
function findManifest(files: readonly ExportFile[]): ExportFile | undefined {
  const depth = (f: ExportFile) => f.path.split('/').length;
  const candidates = files.filter((f) => /(^|\/)manifest\.json$/.test(f.path));
  return candidates.sort((a, b) => depth(a) - depth(b))[0];
}

/** caseName → case id from the archive's manifest.json; VALIDATION_FAILED naming it when it is not one. */
export function readManifestCaseNames(files: readonly ExportFile[]): Map<string, string> {
  const file = findManifest(files);
  if (!file) return new Map();
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(file.bytes));
  } catch (error) {
    throw new ApiError('VALIDATION_FAILED', `${file.path}: not JSON (${(error as Error).message})`);
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success)
    throw new ApiError(
      'VALIDATION_FAILED',
      `${file.path}: not a Voxelhub dataset manifest (it needs cases with id and caseName)`,
    );
  return new Map(parsed.data.cases.map((c) => [c.caseName, c.id]));
}

export function caseMatcher(
  cases: ReadonlyMap<string, ImportCase>,
  manifestNames: ReadonlyMap<string, string>,
): CaseMatcher {
  const nameOfId = new Map<string, string>();
  for (const [name, id] of manifestNames) if (cases.has(id)) nameOfId.set(id, name);
  const bySop = new Map<string, InstancePlace>();
  const bySeries = new Map<string, ImportCase>();
  for (const c of cases.values()) {
    c.instances.forEach((instance, index) => {
      if (instance.sopInstanceUid) bySop.set(instance.sopInstanceUid, { case: c, index });
    });
    if (c.seriesInstanceUid && (c.kind === 'series' || !bySeries.has(c.seriesInstanceUid)))
      bySeries.set(c.seriesInstanceUid, c);
  }
  return {
    // A manifest of another project names ids this one lacks: the name itself may still be an id (c).
    byName: (name) => {
      const fromManifest = manifestNames.get(name);
      return (fromManifest !== undefined ? cases.get(fromManifest) : undefined) ?? cases.get(name);
    },
    nameOf: (c) => nameOfId.get(c.id) ?? c.id,
    bySopInstanceUid: (uid) => bySop.get(uid),
    bySeriesInstanceUid: (uid) => bySeries.get(uid),
  };
}
