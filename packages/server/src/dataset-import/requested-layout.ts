import {
  type DatasetLayout,
  type DatasetLayoutKind,
  LAYOUT_TITLES,
  LayoutError,
} from '@voxelhub/core/export';
import { isImageName } from './image-file-names.js';

/** What a caller may ask for: 'auto', or a layout kind. */
export const LAYOUT_CHOICES = [
  'auto',
  'nnunet',
  'msd',
  'coco',
  'yolo',
  'image-csv',
  'dicom',
  'images',
] as const satisfies readonly ('auto' | DatasetLayoutKind)[];
export type LayoutChoice = (typeof LAYOUT_CHOICES)[number];

/**
 * The layout to import: the one recognised, unless the caller asked for another kind. 'images' turns
 * any layout into its image files alone (no labels); another kind must be the one recognised, or the
 * import stops before anything is written, saying what the folder looks like instead.
 */
export function requestedLayout(recognised: DatasetLayout, wanted: LayoutChoice = 'auto'): DatasetLayout {
  if (wanted === 'auto' || wanted === recognised.kind) return recognised;
  if (wanted === 'images') {
    const all = [...recognised.ignored, ...imagesAndLabels(recognised)];
    const images = all.filter(isImageName).sort();
    const used = new Set(images);
    return {
      kind: 'images',
      images,
      labels: [],
      ignored: all.filter((p) => !used.has(p)).sort(),
      summary: `${images.length} image files, labels not imported (layout 'images' asked for)`,
    };
  }
  throw new LayoutError(
    '(the folder)',
    `layout '${wanted}' was asked for, but the folder is ${LAYOUT_TITLES[recognised.kind]}: ${recognised.summary}`,
  );
}

function imagesAndLabels(layout: DatasetLayout): string[] {
  switch (layout.kind) {
    case 'nnunet':
    case 'msd':
      return [
        layout.datasetJson,
        ...layout.cases.flatMap((c) => [...c.images, ...(c.label ? [c.label] : [])]),
      ];
    case 'coco':
      return [...layout.annotationFiles, ...layout.images];
    case 'yolo':
      return [layout.dataYaml, ...layout.images, ...layout.labelFiles];
    case 'image-csv':
      return [layout.csv, ...layout.images];
    case 'dicom':
      return [...layout.files];
    case 'images':
      return [...layout.images];
  }
}
