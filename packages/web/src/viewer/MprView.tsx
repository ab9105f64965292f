import { type RefObject, useEffect, useRef, useState } from 'react';
import { WindowReadout } from './CornerOverlays.js';
import { MPR_PLANES, type MprPlane, type MprViewerHandle, openMprViewer } from './mpr-viewer.js';
import type { SeriesFrame } from './series-image-ids.js';
import type { WindowLevel } from './window-level-presets.js';

interface MprViewProps {
  readonly frames: readonly SeriesFrame[];
  /** Filled while the views are open, so that the page's preset bar can set their window. */
  readonly handle: RefObject<MprViewerHandle | null>;
  /** The window to start with (the stack's, so that switching keeps it). */
  readonly initialWindow?: WindowLevel;
}

const TITLES: Readonly<Record<MprPlane, string>> = {
  axial: 'Axial',
  sagittal: 'Sagittal',
  coronal: 'Coronal',
};

/** Axial, sagittal and coronal views of the series as a volume, side by side, with crosshairs. */
export function MprView({ frames, handle, initialWindow }: MprViewProps) {
  const axial = useRef<HTMLDivElement>(null);
  const sagittal = useRef<HTMLDivElement>(null);
  const coronal = useRef<HTMLDivElement>(null);
  const refs = { axial, sagittal, coronal };
  const [status, setStatus] = useState<'loading' | 'ready' | string>('loading');
  const [window, setWindow] = useState<WindowLevel | undefined>(initialWindow);

  // biome-ignore lint/correctness/useExhaustiveDependencies: opens once per series; the start window is read once.
  useEffect(() => {
    let cancelled = false;
    const elements = { axial: axial.current, sagittal: sagittal.current, coronal: coronal.current };
    if (!elements.axial || !elements.sagittal || !elements.coronal) return;
    openMprViewer(elements as Record<MprPlane, HTMLDivElement>, frames, (w) => !cancelled && setWindow(w))
      .then((opened) => {
        if (cancelled) return opened.destroy();
        handle.current = opened;
        if (initialWindow) opened.setWindow(initialWindow);
        setStatus('ready');
        // Keeps the viewer's keys (presets, M) working after the switch removed the focused stack viewport.
        elements.axial?.focus();
      })
      .catch(
        (error: unknown) => !cancelled && setStatus(error instanceof Error ? error.message : String(error)),
      );
    return () => {
      cancelled = true;
      handle.current?.destroy();
      handle.current = null;
    };
  }, [frames]);

  return (
    <div
      className="mpr-grid"
      data-testid="mpr"
      data-status={status === 'loading' || status === 'ready' ? status : 'failed'}
    >
      {MPR_PLANES.map((plane) => (
        <div key={plane} className="mpr-pane">
          <div
            ref={refs[plane]}
            className="viewport"
            data-testid={`mpr-${plane}`}
            // biome-ignore lint/a11y/noNoninteractiveTabindex: the views take the viewer's keyboard input.
            tabIndex={0}
            role="img"
            aria-label={`${TITLES[plane]} view`}
            onContextMenu={(e) => e.preventDefault()}
          />
          <div className="overlay top-left">{TITLES[plane]}</div>
          <div className="overlay bottom-left" data-testid={plane === 'axial' ? 'window-level' : undefined}>
            <WindowReadout width={window?.width} center={window?.center} />
          </div>
        </div>
      ))}
      {status !== 'loading' && status !== 'ready' && (
        <div className="overlay centre error" role="alert">
          {status}
        </div>
      )}
    </div>
  );
}
