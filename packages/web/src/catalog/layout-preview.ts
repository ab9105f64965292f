import { type DatasetLayout, LAYOUT_TITLES, type LayoutLabel } from '@voxelhub/core/export';

/** What the dialog shows of a recognised folder before anything is created. */
export interface LayoutPreview {
  readonly title: string;
  readonly summary: string;
  /** "131 training cases", "262 image files", … in reading order. */
  readonly counts: readonly string[];
  /** The project labels the import will create: "liver (mask, value 1)". */
  readonly labels: readonly string[];
  readonly ignored: number;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
}

function countsOf(layout: DatasetLayout): string[] {
  switch (layout.kind) {
    case 'nnunet':
    case 'msd': {
      const train = layout.cases.filter((c) => c.split === 'train');
      const images = layout.cases.reduce((sum, c) => sum + c.images.length, 0);
      return [
        plural(train.length, 'training case'),
        plural(layout.cases.length - train.length, 'test case'),
        plural(images, 'image file'),
        plural(train.filter((c) => c.label).length, 'label map'),
      ];
    }
    case 'coco':
      return [
        plural(layout.images.length, 'image'),
        plural(layout.annotationFiles.length, 'annotation file'),
      ];
    case 'yolo':
      return [plural(layout.images.length, 'image'), plural(layout.labelFiles.length, 'label file')];
    case 'image-csv':
      return [
        plural(layout.images.length, 'image'),
        `labels from ${layout.csv} (image column “${layout.imageColumn}”)`,
      ];
    case 'dicom':
      return [plural(layout.files.length, 'DICOM file')];
    case 'images':
      return [plural(layout.images.length, 'image file')];
  }
}

function labelLine(label: LayoutLabel): string {
  const details = [label.type.replace(/-/g, ' ')];
  if (label.options) details.push(label.options.join(' / '));
  else if (label.value !== undefined) details.push(`value ${label.value}`);
  return `${label.name} (${details.join(', ')})`;
}

export function layoutPreview(layout: DatasetLayout): LayoutPreview {
  return {
    title: LAYOUT_TITLES[layout.kind],
    summary: layout.summary,
    counts: countsOf(layout),
    labels: layout.labels.map(labelLine),
    ignored: layout.ignored.length,
  };
}
