import { describe, expect, it } from 'vitest';
import { dragToImageRectangle, imageRectangleToPercent } from './preview-rectangle.js';

const image = { width: 128, height: 128 };

describe('dragToImageRectangle', () => {
  it('scales a drag on a preview shown at twice the size down to image pixels', () => {
    const displayed = { width: 256, height: 256 };
    expect(dragToImageRectangle({ x: 20, y: 40 }, { x: 120, y: 100 }, displayed, image)).toEqual({
      x: 10,
      y: 20,
      width: 50,
      height: 30,
    });
  });

  it('scales up from a preview shown smaller, each axis on its own scale', () => {
    // 512 × 256 pixels shown in 256 × 64: two pixels per screen pixel across, four down.
    const wide = { width: 512, height: 256 };
    expect(
      dragToImageRectangle({ x: 10, y: 10 }, { x: 30, y: 20 }, { width: 256, height: 64 }, wide),
    ).toEqual({ x: 20, y: 40, width: 40, height: 40 });
  });

  it('takes a drag in any direction', () => {
    const displayed = { width: 128, height: 128 };
    const forward = dragToImageRectangle({ x: 5, y: 6 }, { x: 50, y: 60 }, displayed, image);
    const backward = dragToImageRectangle({ x: 50, y: 60 }, { x: 5, y: 6 }, displayed, image);
    expect(backward).toEqual(forward);
    expect(forward).toEqual({ x: 5, y: 6, width: 45, height: 54 });
  });

  it('grows to whole pixels so that every touched pixel is covered', () => {
    // 128 pixels in 300 screen pixels: 10.5..20.5 px covers image 4.48..8.75, so pixels 4 to 8.
    const displayed = { width: 300, height: 300 };
    expect(dragToImageRectangle({ x: 10.5, y: 10.5 }, { x: 20.5, y: 20.5 }, displayed, image)).toEqual({
      x: 4,
      y: 4,
      width: 5,
      height: 5,
    });
  });

  it('clips a drag that leaves the preview to the image', () => {
    const displayed = { width: 256, height: 256 };
    expect(dragToImageRectangle({ x: -40, y: 200 }, { x: 30, y: 400 }, displayed, image)).toEqual({
      x: 0,
      y: 100,
      width: 15,
      height: 28,
    });
  });

  it('marks nothing for a click or a drag wholly outside', () => {
    const displayed = { width: 256, height: 256 };
    expect(dragToImageRectangle({ x: 10, y: 10 }, { x: 11, y: 12 }, displayed, image)).toBeNull();
    expect(dragToImageRectangle({ x: 300, y: 10 }, { x: 400, y: 90 }, displayed, image)).toBeNull();
    expect(dragToImageRectangle({ x: 1, y: 1 }, { x: 90, y: 90 }, { width: 0, height: 0 }, image)).toBeNull();
  });
});

describe('imageRectangleToPercent', () => {
  it('places an outline by its share of the image', () => {
    expect(imageRectangleToPercent({ x: 32, y: 64, width: 16, height: 64 }, image)).toEqual({
      left: '25%',
      top: '50%',
      width: '12.5%',
      height: '50%',
    });
  });
});
