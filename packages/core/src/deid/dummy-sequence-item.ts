import type { DicomDatasetJson, DicomElementJson } from './dcmjs-dataset.js';
import { dummyValue } from './dummy-value.js';

const element = (vr: string, Value: unknown[]): DicomElementJson => ({ vr, Value }) as DicomElementJson;

/**
 * Dummy items that are still valid items of their module, for the sequences with action D whose item
 * has Type 1 content. An empty item would leave the copy invalid (dciodvfy: missing Relationship Type,
 * missing Verifying Observer Name...), and the original items cannot be kept. Every value here is
 * either a dummy (the D rows inside) or a fixed code, so nothing of the original survives.
 */
const DUMMY_ITEMS: Readonly<Record<string, () => DicomDatasetJson>> = {
  // Content Sequence (0040,A730): an empty CONTAINER, "Comment" (DCM 121106), which needs no value of
  // its own; a TEXT item would need Text Value, an attribute the profile removes (X).
  '0040A730': () => ({
    '0040A010': element('CS', ['CONTAINS']),
    '0040A040': element('CS', ['CONTAINER']),
    '0040A043': element('SQ', [
      {
        '00080100': element('SH', ['121106']),
        '00080102': element('SH', ['DCM']),
        '00080104': element('LO', ['Comment']),
      },
    ]),
    '0040A050': element('CS', ['SEPARATE']),
  }),
  // Verifying Observer Sequence (0040,A073): its Type 1 name, organization and time as dummies (their
  // own rows are D), the Type 2 code sequence empty (its row is Z).
  '0040A073': () => ({
    '0040A027': element('LO', dummyValue('LO')),
    '0040A030': element('DT', dummyValue('DT')),
    '0040A075': element('PN', dummyValue('PN')),
    '0040A088': element('SQ', []),
  }),
};

/** The one item that stands for a sequence's original items under D: valid where known, else empty. */
export function dummySequenceItem(tag: string): DicomDatasetJson {
  return DUMMY_ITEMS[tag.toUpperCase()]?.() ?? {};
}
