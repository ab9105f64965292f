import type { ImportCase } from '../annotation-import/project-cases.js';

/**
 * Image id → the id of the case annotations are placed on (annotation-import's rule): the series id for
 * an instance of a series of several, else the image id.
 */
export function caseOfImage(cases: ReadonlyMap<string, ImportCase>): Map<string, ImportCase> {
  const byImage = new Map<string, ImportCase>();
  for (const c of cases.values()) for (const instance of c.instances) byImage.set(instance.imageId, c);
  return byImage;
}
