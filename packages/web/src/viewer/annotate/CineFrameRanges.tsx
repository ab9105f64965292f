import { useAnnotationStore } from '../../annotations/use-annotation-store.js';
import type { Label } from '../../api/api-types.js';
import { FrameRangeBar } from '../../classify/FrameRangeBar.js';
import type { AnnotationPlace } from './annotation-place.js';
import type { AnnotationSession } from './annotation-session.js';

/** The cine's labelled frame ranges as bars under the scrubber, live from the annotation store. */
export function CineFrameRanges(props: {
  readonly session: AnnotationSession;
  readonly place: AnnotationPlace;
  readonly labels: readonly Label[];
  readonly frameIndex: number;
  readonly onSeek: (frame: number) => void;
}) {
  const { entries } = useAnnotationStore(props.session.store);
  const imageId = props.place.target.imageId;
  if (!imageId) return null;
  return (
    <FrameRangeBar
      labels={props.labels}
      entries={entries}
      target={props.place.target}
      imageId={imageId}
      frameCount={props.place.count}
      frameIndex={props.frameIndex}
      onSeek={props.onSeek}
    />
  );
}
