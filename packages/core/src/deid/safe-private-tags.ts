import type { DicomDatasetJson } from './dcmjs-dataset.js';
import { isSafePrivateAttribute, privateCreatorTag } from './safe-private-attributes.js';

/**
 * The private attributes of one dataset (or sequence item) that the Retain Safe Private Option keeps: each
 * element Table E.3.10-1 lists under the creator of its block, and that creator (gggg,00xx), which
 * PS3.15 E.3.10 keeps "together with" them. Tags as 8 upper-case hex digits. Creators are looked up in the
 * same dataset, as PS3.5 7.8.1 scopes them: a sequence item's private blocks have their own creators.
 */
export function retainedSafePrivateTags(dataset: DicomDatasetJson): Set<string> {
  const byTag = new Map(Object.entries(dataset).map(([tag, element]) => [tag.toUpperCase(), element]));
  const kept = new Set<string>();
  for (const [tag, element] of byTag) {
    const creatorTag = privateCreatorTag(tag);
    if (!creatorTag) continue;
    const creator = byTag.get(creatorTag)?.Value?.[0];
    if (typeof creator === 'string' && isSafePrivateAttribute(tag, creator, element.vr)) {
      kept.add(tag);
      kept.add(creatorTag);
    }
  }
  return kept;
}
