/**
 * Which key presses a screen has acted on. A screen's preventDefault is not a reliable sign: Cornerstone3D
 * calls it on every key that reaches a viewport, including `?`, `n` and `.`, which are the app's. So the
 * viewer marks what it did act on, and the app's shortcuts skip only those (and presses prevented
 * elsewhere than in a viewport).
 */
const handled = new WeakSet<Event>();

export function markKeyHandled(event: Event): void {
  handled.add(event);
  event.preventDefault();
}

export function isKeyHandled(event: Event): boolean {
  if (handled.has(event)) return true;
  const target = event.target;
  // Cornerstone marks its viewport elements with data-viewport-uid.
  const inViewport = target instanceof Element && target.closest('[data-viewport-uid]') !== null;
  return event.defaultPrevented && !inViewport;
}
