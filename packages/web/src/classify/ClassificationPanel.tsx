import type { ImageRef } from '@voxelhub/core/annotation';
import { useId } from 'react';
import type { AnnotationEntry } from '../annotations/annotation-entry.js';
import type { AnnotationTarget } from '../annotations/annotation-head.js';
import type { AnnotationHistory } from '../annotations/annotation-history.js';
import type { Label } from '../api/api-types.js';
import { ClassificationField } from './ClassificationField.js';
import { classificationLabels } from './classification-question.js';
import { keepControlKeys } from './control-keys.js';
import './classify.css';

export interface ClassificationPanelProps {
  /** The project's labels; the panel asks the classification ones. */
  readonly labels: readonly Label[];
  /** The store's live entries (its snapshot). */
  readonly entries: readonly AnnotationEntry[];
  readonly history: AnnotationHistory;
  readonly target: AnnotationTarget;
  /** The image, and frame or slice, currently shown: what an image-level answer is about. */
  readonly imageRef: ImageRef;
  readonly readOnly?: boolean;
}

/**
 * The classification labels as a form: answering creates the annotation, changing the answer updates
 * it, clearing it deletes it; each change is one undo step. Renders nothing when no label is a
 * classification.
 */
export function ClassificationPanel(props: ClassificationPanelProps) {
  const id = useId();
  const labels = classificationLabels(props.labels);
  if (labels.length === 0) return null;
  const targetKey = `${props.target.seriesId ?? ''}/${props.target.imageId ?? ''}/${props.target.taskId ?? ''}`;
  return (
    <section className="classify-panel" aria-labelledby={`${id}-title`} onKeyDown={keepControlKeys}>
      <h2 id={`${id}-title`} className="classify-heading">
        Classification
      </h2>
      {labels.map((label) => (
        <ClassificationField
          // Another target starts each label afresh (its level, its text draft).
          key={`${targetKey}:${label.id}`}
          label={label}
          entries={props.entries}
          history={props.history}
          target={props.target}
          imageRef={props.imageRef}
          readOnly={props.readOnly ?? false}
        />
      ))}
    </section>
  );
}
