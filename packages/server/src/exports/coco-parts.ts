import { type CocoDataset, type ExportFile, SPLITS, UNASSIGNED_SPLIT } from '@voxelhub/core/export';

/**
 * COCO files made a case at a time: each case's instances (from core's cocoFromDataset on that case
 * alone, ids from 1) are renumbered into its split's file as they come, so an export holds COCO objects
 * rather than every case's label maps. The files are the ones core's cocoFiles writes for the whole
 * dataset: `annotations/instances_<split>.json` per split with images, or `annotations.json` when no image
 * has a split; categories are the union over the cases (the same ids in every file).
 */
export class CocoParts {
  private readonly splits = new Map<
    string,
    { images: CocoDataset['images']; annotations: CocoDataset['annotations'] }
  >();
  private readonly categories = new Map<number, CocoDataset['categories'][number]>();
  private info: CocoDataset['info'] | undefined;
  private anySplit = false;

  /** One case's COCO dataset, for its split (undefined: the image has none). */
  add(split: string | undefined, part: CocoDataset): void {
    this.info ??= part.info;
    if (split !== undefined) this.anySplit = true;
    const key = split ?? UNASSIGNED_SPLIT;
    const into = this.splits.get(key) ?? { images: [], annotations: [] };
    this.splits.set(key, into);
    const imageIds = new Map<number, number>();
    for (const image of part.images) {
      imageIds.set(image.id, into.images.length + 1);
      into.images.push({ ...image, id: into.images.length + 1 });
    }
    for (const annotation of part.annotations)
      into.annotations.push({
        ...annotation,
        id: into.annotations.length + 1,
        image_id: imageIds.get(annotation.image_id)!,
      });
    for (const category of part.categories) this.categories.set(category.id, category);
  }

  files(): ExportFile[] {
    const categories = [...this.categories.values()].sort((a, b) => a.id - b.id);
    const file = (path: string, split: string): ExportFile => {
      const { images, annotations } = this.splits.get(split) ?? { images: [], annotations: [] };
      const coco: CocoDataset = { info: this.info!, licenses: [], images, annotations, categories };
      return { path, bytes: new TextEncoder().encode(JSON.stringify(coco)) };
    };
    if (!this.anySplit) return this.info ? [file('annotations.json', UNASSIGNED_SPLIT)] : [];
    return [...SPLITS, UNASSIGNED_SPLIT]
      .filter((split) => (this.splits.get(split)?.images.length ?? 0) > 0)
      .map((split) => file(`annotations/instances_${split}.json`, split));
  }
}
