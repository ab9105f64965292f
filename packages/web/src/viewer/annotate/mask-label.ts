import type { Label } from '../../api/api-types.js';
import type { SegmentationEditor } from '../segmentation/segmentation-editor.js';

/**
 * Makes the segment of a mask label the one painted on: its existing segment, or a new one named and
 * coloured after the label. Picking "Liver" then painting paints liver, without building segments first.
 */
export function activateSegmentOf(
  editor: Pick<SegmentationEditor, 'segments' | 'addSegment' | 'setActiveSegment'>,
  label: Label,
): number {
  const existing = editor.segments().find((s) => s.labelId === label.id);
  if (existing) {
    editor.setActiveSegment(existing.index);
    return existing.index;
  }
  return editor.addSegment({ labelId: label.id, name: label.name, colour: label.colour });
}
