import { type PointerEvent, useRef, useState } from 'react';
import { dragToImageRectangle, imageRectangleToPercent, type Point, type Size } from './preview-rectangle.js';
import type { PixelRectangle } from './privacy-types.js';

/**
 * A held image's preview, with the regions already blanked outlined and the reviewer's marks filled.
 * Dragging on it marks one more rectangle, converted from screen to image pixels with the preview's
 * displayed scale.
 */
export function HeldPreview(props: {
  readonly src: string;
  readonly alt: string;
  readonly blanked: readonly PixelRectangle[];
  readonly marks: readonly PixelRectangle[];
  readonly onMark: (rectangle: PixelRectangle) => void;
  readonly onPointerStart?: () => void;
}) {
  const image = useRef<HTMLImageElement>(null);
  const [size, setSize] = useState<Size | null>(null);
  const [failed, setFailed] = useState(false);
  const [drag, setDrag] = useState<{ start: Point; end: Point } | null>(null);

  /** The pointer in CSS pixels from the image's top-left, with the image's size on screen. */
  function locate(event: PointerEvent): { point: Point; displayed: Size } | null {
    const box = image.current?.getBoundingClientRect();
    if (!box) return null;
    return {
      point: { x: event.clientX - box.left, y: event.clientY - box.top },
      displayed: { width: box.width, height: box.height },
    };
  }

  function onPointerDown(event: PointerEvent<HTMLDivElement>) {
    if (event.button !== 0 || !size) return;
    const at = locate(event);
    if (!at) return;
    event.preventDefault();
    event.currentTarget.setPointerCapture(event.pointerId);
    props.onPointerStart?.();
    setDrag({ start: at.point, end: at.point });
  }

  function onPointerMove(event: PointerEvent<HTMLDivElement>) {
    const at = drag && locate(event);
    if (at) setDrag({ start: drag.start, end: at.point });
  }

  function onPointerUp(event: PointerEvent<HTMLDivElement>) {
    const at = drag && locate(event);
    setDrag(null);
    if (!at || !size) return;
    const rectangle = dragToImageRectangle(drag.start, at.point, at.displayed, size);
    if (rectangle) props.onMark(rectangle);
  }

  const box = (r: PixelRectangle) => (size ? imageRectangleToPercent(r, size) : { display: 'none' });
  const dragging =
    drag && image.current && size
      ? dragToImageRectangle(drag.start, drag.end, image.current.getBoundingClientRect(), size)
      : null;
  return (
    <div
      className="held-preview"
      data-testid="held-preview"
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={() => setDrag(null)}
    >
      {failed && (
        <p className="error" role="alert">
          The preview could not be loaded.
        </p>
      )}
      <img
        ref={image}
        src={props.src}
        alt={props.alt}
        draggable={false}
        onLoad={(e) =>
          setSize({ width: e.currentTarget.naturalWidth, height: e.currentTarget.naturalHeight })
        }
        onError={() => setFailed(true)}
      />
      {props.blanked.map((r) => (
        <span key={`b${r.x},${r.y},${r.width},${r.height}`} className="region blanked" style={box(r)} />
      ))}
      {props.marks.map((r, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: marks may repeat; their order is their identity
        <span key={i} className="region marked" style={box(r)} title={`Region ${i + 1}`} />
      ))}
      {dragging && <span className="region marked dragging" style={box(dragging)} />}
    </div>
  );
}
