import { describe, expect, it } from 'vitest';
import { cocoDatasetSchema } from './coco-format.js';

/** A minimal valid file after https://cocodataset.org/#format-data: one image, one category, one object. */
function valid() {
  return {
    info: { description: 'tiny' },
    licenses: [],
    images: [{ id: 1, file_name: 'a.png', width: 4, height: 3 }],
    categories: [{ id: 1, name: 'thing', supercategory: 'box' }],
    annotations: [
      {
        id: 1,
        image_id: 1,
        category_id: 1,
        bbox: [0, 0, 2, 2],
        area: 4,
        iscrowd: 0,
        segmentation: [] as unknown,
      },
    ],
  };
}

type Doc = ReturnType<typeof valid>;

function failingPaths(change: (doc: Doc) => void): string[] {
  const doc = valid();
  change(doc);
  const result = cocoDatasetSchema.safeParse(doc);
  return result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'));
}

describe('the COCO schema', () => {
  it('accepts a minimal file, polygons, and both RLE forms', () => {
    expect(failingPaths(() => {})).toEqual([]);
    expect(failingPaths((d) => (d.annotations[0]!.segmentation = [[0, 0, 2, 0, 2, 2]]))).toEqual([]);
    expect(failingPaths((d) => (d.annotations[0]!.segmentation = { size: [3, 4], counts: [12] }))).toEqual(
      [],
    );
    expect(failingPaths((d) => (d.annotations[0]!.segmentation = { size: [3, 4], counts: '<' }))).toEqual([]);
  });

  it.each<{ what: string; change: (doc: Doc) => void; path: string }>([
    {
      what: 'a negative bbox value',
      change: (d) => (d.annotations[0]!.bbox = [-1, 0, 2, 2]),
      path: 'annotations.0.bbox.0',
    },
    {
      what: 'a bbox of 3 numbers',
      change: (d) => (d.annotations[0]!.bbox = [0, 0, 2]),
      path: 'annotations.0.bbox',
    },
    {
      what: 'a polygon of 2 points',
      change: (d) => (d.annotations[0]!.segmentation = [[0, 0, 1, 1]]),
      path: 'annotations.0.segmentation.0',
    },
    {
      what: 'an odd polygon',
      change: (d) => (d.annotations[0]!.segmentation = [[0, 0, 1, 1, 2, 2, 3]]),
      path: 'annotations.0.segmentation.0',
    },
    {
      what: 'an RLE without size',
      change: (d) => (d.annotations[0]!.segmentation = { counts: [12] }),
      path: 'annotations.0.segmentation',
    },
    {
      what: 'an RLE of another size',
      change: (d) => (d.annotations[0]!.segmentation = { size: [4, 3], counts: [12] }),
      path: 'annotations.0.segmentation.size',
    },
    {
      what: 'iscrowd 2',
      change: (d) => ((d.annotations[0] as { iscrowd: number }).iscrowd = 2),
      path: 'annotations.0.iscrowd',
    },
    {
      what: 'a missing area',
      change: (d) => delete (d.annotations[0] as { area?: number }).area,
      path: 'annotations.0.area',
    },
    {
      what: 'an image without file_name',
      change: (d) => delete (d.images[0] as { file_name?: string }).file_name,
      path: 'images.0.file_name',
    },
    { what: 'an image of width 0', change: (d) => (d.images[0]!.width = 0), path: 'images.0.width' },
    {
      what: 'a category without name',
      change: (d) => delete (d.categories[0] as { name?: string }).name,
      path: 'categories.0.name',
    },
    {
      what: 'an unknown image_id',
      change: (d) => (d.annotations[0]!.image_id = 9),
      path: 'annotations.0.image_id',
    },
    {
      what: 'an unknown category_id',
      change: (d) => (d.annotations[0]!.category_id = 9),
      path: 'annotations.0.category_id',
    },
    { what: 'a repeated image id', change: (d) => d.images.push({ ...d.images[0]! }), path: 'images' },
  ])('rejects $what', ({ change, path }) => {
    expect(failingPaths(change)).toContain(path);
  });
});
