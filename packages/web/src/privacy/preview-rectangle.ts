import type { PixelRectangle } from './privacy-types.js';

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface Size {
  readonly width: number;
  readonly height: number;
}

/** A drag shorter than this, in screen pixels either way, is a click and marks nothing. */
export const MIN_DRAG_PX = 3;

/**
 * The image pixels a drag on the displayed preview covers. `start` and `end` are in CSS pixels from the
 * preview's top-left corner; `displayed` is its size on screen and `image` its size in pixels (columns ×
 * rows), which differ whenever the preview is scaled to fit. The rectangle grows outwards to whole pixels
 * (floor at the start, ceil at the end), so that every pixel the reviewer's box touches is blanked,
 * and is clipped to the image. Null for a click or a drag wholly outside the image.
 */
export function dragToImageRectangle(
  start: Point,
  end: Point,
  displayed: Size,
  image: Size,
): PixelRectangle | null {
  if (displayed.width <= 0 || displayed.height <= 0 || image.width <= 0 || image.height <= 0) return null;
  if (Math.abs(end.x - start.x) < MIN_DRAG_PX && Math.abs(end.y - start.y) < MIN_DRAG_PX) return null;
  const scaleX = image.width / displayed.width;
  const scaleY = image.height / displayed.height;
  const clamp = (value: number, max: number) => Math.min(Math.max(value, 0), max);
  const left = clamp(Math.floor(Math.min(start.x, end.x) * scaleX), image.width);
  const right = clamp(Math.ceil(Math.max(start.x, end.x) * scaleX), image.width);
  const top = clamp(Math.floor(Math.min(start.y, end.y) * scaleY), image.height);
  const bottom = clamp(Math.ceil(Math.max(start.y, end.y) * scaleY), image.height);
  if (right - left < 1 || bottom - top < 1) return null;
  return { x: left, y: top, width: right - left, height: bottom - top };
}

/**
 * Where an image rectangle sits on the preview, as percentages of its size: the outline then follows the
 * preview whatever size it is shown at.
 */
export function imageRectangleToPercent(
  rectangle: PixelRectangle,
  image: Size,
): { left: string; top: string; width: string; height: string } {
  const percent = (value: number, of: number) => `${(100 * value) / of}%`;
  return {
    left: percent(rectangle.x, image.width),
    top: percent(rectangle.y, image.height),
    width: percent(rectangle.width, image.width),
    height: percent(rectangle.height, image.height),
  };
}
