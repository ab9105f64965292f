import { z } from 'zod';

/**
 * The COCO object-detection / instance-segmentation format (https://cocodataset.org/#format-data) as a zod
 * schema: what our writer must produce and what our reader accepts. Fields beyond these (coco_url,
 * flickr_url, …) are allowed and dropped on parse.
 */

const id = z.number().int().min(0);
const nonNegative = z.number().min(0);

export const cocoBboxSchema = z.tuple([nonNegative, nonNegative, nonNegative, nonNegative]);

export const cocoPolygonSchema = z
  .array(z.number())
  .min(6)
  .refine((xy) => xy.length % 2 === 0, { message: 'a polygon has an even number of coordinates' });

const rleSize = z.tuple([z.number().int().min(0), z.number().int().min(0)]);

export const cocoRleSchema = z.object({
  size: rleSize,
  counts: z.union([z.array(z.number().int().min(0)), z.string()]),
});

/** Polygons (an empty list for a box-only object) or one RLE. */
export const cocoSegmentationSchema = z.union([z.array(cocoPolygonSchema), cocoRleSchema]);

export const cocoImageSchema = z.object({
  id,
  file_name: z.string().min(1),
  width: z.number().int().min(1),
  height: z.number().int().min(1),
  license: id.optional(),
  date_captured: z.string().optional(),
});

export const cocoCategorySchema = z.object({
  id,
  name: z.string().min(1),
  supercategory: z.string().optional(),
});

export const cocoAnnotationSchema = z.object({
  id,
  image_id: id,
  category_id: id,
  bbox: cocoBboxSchema,
  area: nonNegative,
  iscrowd: z.union([z.literal(0), z.literal(1)]),
  segmentation: cocoSegmentationSchema,
});

export const cocoInfoSchema = z.object({
  year: z.number().int().optional(),
  version: z.string().optional(),
  description: z.string().optional(),
  contributor: z.string().optional(),
  url: z.string().optional(),
  date_created: z.string().optional(),
});

export const cocoLicenseSchema = z.object({ id, name: z.string(), url: z.string().optional() });

function repeatedIds(items: readonly { id: number }[]): number[] {
  const seen = new Set<number>();
  return items.filter((item) => seen.size === seen.add(item.id).size).map((item) => item.id);
}

/** The whole file: ids unique per list, and every annotation pointing at a listed image and category. */
export const cocoDatasetSchema = z
  .object({
    info: cocoInfoSchema.optional(),
    licenses: z.array(cocoLicenseSchema).optional(),
    images: z.array(cocoImageSchema),
    annotations: z.array(cocoAnnotationSchema),
    categories: z.array(cocoCategorySchema),
  })
  .superRefine((coco, ctx) => {
    for (const list of ['images', 'annotations', 'categories'] as const) {
      for (const repeated of repeatedIds(coco[list]).slice(0, 10))
        ctx.addIssue({ code: 'custom', message: `id ${repeated} is repeated`, path: [list] });
    }
    const images = new Map(coco.images.map((image) => [image.id, image]));
    const categories = new Set(coco.categories.map((category) => category.id));
    coco.annotations.forEach((annotation, i) => {
      const image = images.get(annotation.image_id);
      if (!image)
        ctx.addIssue({
          code: 'custom',
          message: 'image_id names no image',
          path: ['annotations', i, 'image_id'],
        });
      if (!categories.has(annotation.category_id)) {
        const message = 'category_id names no category';
        ctx.addIssue({ code: 'custom', message, path: ['annotations', i, 'category_id'] });
      }
      const segmentation = annotation.segmentation;
      if (image && !Array.isArray(segmentation)) {
        const [height, width] = segmentation.size;
        if (height !== image.height || width !== image.width) {
          const message = `RLE size ${height}×${width} is not the image's ${image.height}×${image.width}`;
          ctx.addIssue({ code: 'custom', message, path: ['annotations', i, 'segmentation', 'size'] });
        }
      }
    });
  });

export type CocoDataset = z.infer<typeof cocoDatasetSchema>;
export type CocoImage = z.infer<typeof cocoImageSchema>;
export type CocoCategory = z.infer<typeof cocoCategorySchema>;
export type CocoAnnotation = z.infer<typeof cocoAnnotationSchema>;
export type CocoSegmentation = z.infer<typeof cocoSegmentationSchema>;
