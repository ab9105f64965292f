import { type DatasetFacet, MODALITY_TITLES, type Modality } from '@voxelhub/core/catalog';

export const FACET_TITLES: Record<DatasetFacet, string> = {
  modality: 'Modality',
  bodyRegion: 'Body region',
  task: 'Task',
  annotationType: 'Annotation type',
  license: 'License',
  access: 'Access',
  size: 'Subjects',
};

const ACCESS_TITLES: Record<string, string> = {
  open: 'Open download',
  registration: 'Registration',
  'data-use-agreement': 'Data-use agreement',
  credentialed: 'Credentialed',
};

/** A facet value as people write it: "CT", "Body region: whole body", "Data-use agreement". */
export function facetValueTitle(facet: DatasetFacet, value: string): string {
  if (facet === 'modality') return MODALITY_TITLES[value as Modality] ?? value;
  if (facet === 'access') return ACCESS_TITLES[value] ?? value;
  if (facet === 'license' || facet === 'size') return value;
  return value.replace(/-/g, ' ');
}
