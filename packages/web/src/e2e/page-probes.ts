import type { Locator, Page } from 'playwright-core';

/**
 * The renderer behind WebGL2 in the page: SwiftShader's on a machine without a GPU. Any other answer
 * (or none) means Chromium fell back silently and what the viewer draws proves nothing.
 */
export function webglRenderer(page: Page): Promise<string> {
  return page.evaluate(() => {
    const gl = document.createElement('canvas').getContext('webgl2');
    if (!gl) return 'no WebGL2';
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    return String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  });
}

/** How many pixels of the first canvas inside `element` are brighter than near-black. */
export function litPixels(element: Locator): Promise<number> {
  return element.evaluate((root) => {
    const source = root.querySelector('canvas');
    if (!source || source.width === 0 || source.height === 0) return 0;
    // Copied into a 2D canvas: reading it back works whether the source is 2D or WebGL.
    const copy = document.createElement('canvas');
    copy.width = source.width;
    copy.height = source.height;
    const context = copy.getContext('2d');
    if (!context) return 0;
    context.drawImage(source, 0, 0);
    const { data } = context.getImageData(0, 0, copy.width, copy.height);
    let lit = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i]! + data[i + 1]! + data[i + 2]! > 30) lit++;
    return lit;
  });
}
