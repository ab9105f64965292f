import type { Page } from 'playwright-core';

/**
 * The mouse in the viewer's viewport, in its own pixels (top left = 0, 0): what the annotation tools are
 * drawn with. Each synthetic move costs a few hundred milliseconds under SwiftShader, so drags take few steps.
 */
export function viewportPointer(page: Page) {
  const viewport = () => page.getByTestId('viewport');
  async function at(x: number, y: number): Promise<[number, number]> {
    const b = await viewport().boundingBox();
    if (!b) throw new Error('the viewport has no box');
    return [b.x + x, b.y + y];
  }
  return {
    at,
    /** A drag through `points`: down at the first, up at the last. */
    async drag(...points: [number, number][]) {
      const [first, ...rest] = points;
      if (!first) throw new Error('a drag needs a point');
      await page.mouse.move(...(await at(...first)));
      await page.mouse.down();
      for (const p of rest) await page.mouse.move(...(await at(...p)), { steps: 2 });
      await page.mouse.up();
    },
    async click(x: number, y: number) {
      await page.mouse.click(...(await at(x, y)));
    },
  };
}
