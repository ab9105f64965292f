import type { Page } from 'playwright-core';

/**
 * What the page records about loading a series, every time in ms since navigation started (the page's
 * `performance.now()`), so that the first image, each frame response and each render share one clock.
 */
export interface LoadingRecord {
  /** When the viewport's data-status became "ready" (the viewer's setStack resolved). */
  readonly readyMs: number | null;
  /** When a read-back of the viewport's canvas (begun once ready) first found the slice drawn. */
  readonly litMs: number | null;
  /** What those read-backs took, waiting for the GPU included. */
  readonly probeMs: number;
  /** Cornerstone3D's IMAGE_RENDERED events on the viewport. */
  readonly renders: readonly number[];
  /** Cornerstone3D's STACK_NEW_IMAGE events: a slice put on screen. */
  readonly shown: readonly { readonly ms: number; readonly index: number }[];
  /** Wheel and key events the page received (the user's scrolling). */
  readonly inputs: readonly number[];
  /** Every requestAnimationFrame callback: gaps between them are frames the main thread dropped. */
  readonly animationFrames: readonly number[];
  /** Tasks that held the page's main thread for more than 50 ms (Long Tasks API). */
  readonly longTasks: readonly { readonly startMs: number; readonly durationMs: number }[];
}

/** A DICOMweb request the page finished, from the Resource Timing API. */
export interface DicomwebResponse {
  readonly url: string;
  readonly responseEndMs: number;
}

type ProbeWindow = Window & { __voxelhubLoadingProbe?: LoadingRecord };

/**
 * Installed with page.addInitScript, so it runs before the app on every navigation. It listens from the
 * outside: Cornerstone3D's events do not bubble, but a capturing listener on the document hears them
 * on their way to the viewport element.
 */
function recordLoading(): void {
  // 250 entries by default: a 300-slice series would overflow it and lose the last frames.
  performance.setResourceTimingBufferSize(100_000);
  const record = {
    readyMs: null as number | null,
    litMs: null as number | null,
    probeMs: 0,
    renders: [] as number[],
    shown: [] as { ms: number; index: number }[],
    inputs: [] as number[],
    animationFrames: [] as number[],
    longTasks: [] as { startMs: number; durationMs: number }[],
  };
  (window as ProbeWindow).__voxelhubLoadingProbe = record;
  document.addEventListener('CORNERSTONE_IMAGE_RENDERED', () => record.renders.push(performance.now()), true);
  document.addEventListener(
    'CORNERSTONE_STACK_NEW_IMAGE',
    (event) => {
      const detail = (event as CustomEvent<{ imageIdIndex: number }>).detail;
      record.shown.push({ ms: performance.now(), index: detail.imageIdIndex });
    },
    true,
  );
  for (const type of ['wheel', 'keydown'])
    document.addEventListener(type, () => record.inputs.push(performance.now()), true);
  new PerformanceObserver((list) => {
    for (const task of list.getEntries())
      record.longTasks.push({ startMs: task.startTime, durationMs: task.duration });
  }).observe({ type: 'longtask', buffered: true });
  // A 64 × 64 copy tells a drawn slice from a black canvas. Reading it back waits until the GPU
  // (SwiftShader here) has produced the pixels, so it runs after the viewer says ready, never inside
  // Cornerstone's render, where it would delay what it measures; it may add to the first-image time.
  const isLit = (): boolean => {
    const source = document.querySelector('[data-testid="viewport"] canvas') as HTMLCanvasElement | null;
    if (!source || source.width === 0 || source.height === 0) return false;
    const copy = document.createElement('canvas');
    copy.width = 64;
    copy.height = 64;
    const context = copy.getContext('2d', { willReadFrequently: true });
    if (!context) return false;
    context.drawImage(source, 0, 0, 64, 64);
    const { data } = context.getImageData(0, 0, 64, 64);
    let count = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i]! + data[i + 1]! + data[i + 2]! > 30) count++;
    // The phantom's body fills far more than 2 % of the view; a blank canvas has none.
    return count > (64 * 64) / 50;
  };
  const checkLit = () => {
    const started = performance.now();
    const lit = isLit();
    const ended = performance.now();
    record.probeMs += ended - started;
    if (lit) record.litMs = ended;
    else setTimeout(checkLit, 50);
  };
  new MutationObserver(() => {
    if (record.readyMs !== null || !document.querySelector('[data-testid="viewport"][data-status="ready"]'))
      return;
    record.readyMs = performance.now();
    setTimeout(checkLit, 0);
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-status'] });
  const onFrame = (ms: number) => {
    record.animationFrames.push(ms);
    requestAnimationFrame(onFrame);
  };
  requestAnimationFrame(onFrame);
}

export async function installLoadingProbe(page: Page): Promise<void> {
  await page.addInitScript(recordLoading);
}

export async function loadingRecord(page: Page): Promise<LoadingRecord> {
  const record = await page.evaluate(() => (window as ProbeWindow).__voxelhubLoadingProbe);
  if (!record) throw new Error('the loading probe is not installed in this page');
  return record;
}

/** The page's finished DICOMweb requests (metadata, frames), as the page timed them. */
export function dicomwebResponses(page: Page): Promise<DicomwebResponse[]> {
  return page.evaluate(() =>
    (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
      .filter((entry) => entry.name.includes('/dicomweb/'))
      .map((entry) => ({ url: entry.name, responseEndMs: entry.responseEnd })),
  );
}
