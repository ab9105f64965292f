import type { ProjectAccess } from './project-access.js';

/**
 * Whether the caller may see annotations other people made. Annotators in a blind project may not,
 * through any route: annotation lists, history, reviews, exports and DICOMweb all ask this. Everyone
 * else (owners, managers, reviewers, viewers) reads all of a project's annotations; viewers don't
 * annotate, so their seeing answers biases no one.
 */
export function seesOthersAnnotations(access: ProjectAccess): boolean {
  return access.role !== 'annotator' || access.settings.reading === 'open';
}

/** Whether one annotation, made by `authorId`, is visible to the caller. */
export function canSeeAnnotation(access: ProjectAccess, authorId: string): boolean {
  return seesOthersAnnotations(access) || authorId === access.userId;
}

/**
 * DICOM modalities whose instances are someone's annotations rather than images: segmentations,
 * structured reports, RT structure sets, presentation states, key-object selections, real-world value
 * maps, annotations (ANN). Hidden, like annotations, from callers who may not see others' annotations.
 */
export const ANNOTATION_MODALITIES: readonly string[] = ['SEG', 'SR', 'RTSTRUCT', 'PR', 'KO', 'RWV', 'ANN'];
