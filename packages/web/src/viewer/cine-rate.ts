import { type DicomJsonInstance, numberValues } from './dicom-json.js';

export const MIN_FRAME_RATE = 1;
export const MAX_FRAME_RATE = 60;
/** When a multi-frame image states no timing at all. */
export const DEFAULT_FRAME_RATE = 25;

const RECOMMENDED_DISPLAY_FRAME_RATE = '00082144';
const CINE_RATE = '00180040';
const FRAME_TIME = '00181063';

/** Keeps a frame rate in the range the player offers, in whole frames per second. */
export function clampFrameRate(framesPerSecond: number): number {
  if (!Number.isFinite(framesPerSecond)) return DEFAULT_FRAME_RATE;
  return Math.min(MAX_FRAME_RATE, Math.max(MIN_FRAME_RATE, Math.round(framesPerSecond)));
}

/**
 * The rate a cine was recorded to be shown at: Recommended Display Frame Rate, else Cine Rate, else
 * 1000 / Frame Time (ms), else the default.
 */
export function recordedFrameRate(instance: DicomJsonInstance): number {
  const stated =
    numberValues(instance, RECOMMENDED_DISPLAY_FRAME_RATE)?.[0] ?? numberValues(instance, CINE_RATE)?.[0];
  if (stated !== undefined && stated > 0) return clampFrameRate(stated);
  const frameTimeMs = numberValues(instance, FRAME_TIME)?.[0];
  if (frameTimeMs !== undefined && frameTimeMs > 0) return clampFrameRate(1000 / frameTimeMs);
  return DEFAULT_FRAME_RATE;
}

/** The time a cine loop of `frames` takes at a rate, in seconds (shown next to the rate). */
export function loopSeconds(frames: number, framesPerSecond: number): number {
  return frames / clampFrameRate(framesPerSecond);
}
