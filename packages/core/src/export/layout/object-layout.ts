import { readDataYamlNames } from '../yolo/read-data-yaml-names.js';
import type { DatasetLayout, LayoutLabel } from './dataset-layout.js';
import { LayoutError } from './layout-error.js';

type CocoLayout = Extract<DatasetLayout, { kind: 'coco' }>;
type YoloLayout = Extract<DatasetLayout, { kind: 'yolo' }>;

interface CocoShape {
  readonly images: unknown[];
  readonly annotations: { segmentation?: unknown }[];
  readonly categories: { id: number; name: string }[];
}

function asCoco(text: string): CocoShape | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof json !== 'object' || json === null) return undefined;
  const { images, annotations, categories } = json as Partial<CocoShape>;
  return Array.isArray(images) && Array.isArray(annotations) && Array.isArray(categories)
    ? (json as CocoShape)
    : undefined;
}

/** What a COCO category's objects are: masks when any is RLE, polygons when any has one, else boxes. */
function categoryType(coco: CocoShape, id: number): LayoutLabel['type'] {
  const own = coco.annotations.filter((a) => (a as { category_id?: number }).category_id === id);
  if (
    own.some(
      (a) => typeof a.segmentation === 'object' && a.segmentation !== null && !Array.isArray(a.segmentation),
    )
  )
    return 'mask';
  if (own.some((a) => Array.isArray(a.segmentation) && a.segmentation.length > 0)) return 'polygon';
  return 'box';
}

/** COCO: the JSON files among the candidates holding images, annotations and categories. */
export function cocoLayout(
  jsonFiles: readonly { path: string; text: string }[],
  images: readonly string[],
  paths: readonly string[],
): CocoLayout | undefined {
  const found = jsonFiles.flatMap(({ path, text }) => {
    const coco = asCoco(text);
    return coco ? [{ path, coco }] : [];
  });
  if (found.length === 0) return undefined;
  const labels = new Map<string, LayoutLabel>();
  for (const { coco } of found)
    for (const category of coco.categories)
      if (!labels.has(category.name))
        labels.set(category.name, {
          name: category.name,
          type: categoryType(coco, category.id),
          value: category.id,
        });
  const objects = found.reduce((n, { coco }) => n + coco.annotations.length, 0);
  const used = new Set([...found.map((f) => f.path), ...images]);
  return {
    kind: 'coco',
    annotationFiles: found.map((f) => f.path),
    images,
    labels: [...labels.values()],
    ignored: paths.filter((p) => !used.has(p)),
    summary: `COCO: ${found.map((f) => f.path).join(', ')} with ${images.length} images, ${objects} objects; labels ${[...labels.keys()].join(', ') || 'none'}`,
  };
}

/** YOLO: data.yaml's class names, images under images/, one .txt per image under labels/. */
export function yoloLayout(
  dataYaml: { path: string; text: string },
  firstLabelText: string | undefined,
  images: readonly string[],
  labelFiles: readonly string[],
  paths: readonly string[],
): YoloLayout {
  let names: string[];
  try {
    names = readDataYamlNames(dataYaml.text, dataYaml.path);
  } catch (error) {
    throw new LayoutError(dataYaml.path, (error as Error).message);
  }
  // A segmentation label line has a polygon (class and at least three x y pairs); a detection line five numbers.
  const polygon = (firstLabelText ?? '').split('\n').some((line) => line.trim().split(/\s+/).length > 5);
  const labels = names.map((name, value) => ({
    name,
    type: polygon ? ('polygon' as const) : ('box' as const),
    value,
  }));
  const used = new Set([dataYaml.path, ...images, ...labelFiles]);
  return {
    kind: 'yolo',
    dataYaml: dataYaml.path,
    images,
    labelFiles,
    labels,
    ignored: paths.filter((p) => !used.has(p)),
    summary: `YOLO ${polygon ? 'segmentation' : 'detection'}: ${images.length} images, ${labelFiles.length} label files; classes ${names.join(', ')}`,
  };
}
