import type { ImageDetails } from './image-details.js';
import type { StackState } from './stack-viewer.js';

interface CornerOverlaysProps {
  readonly unit: 'Slice' | 'Frame';
  readonly stack: StackState | null;
  readonly details: ImageDetails;
}

/**
 * The viewport's corners: position (top left), de-identified image details (top right), window/level
 * (bottom left), zoom and display transforms (bottom right).
 */
export function CornerOverlays({ unit, stack, details }: CornerOverlaysProps) {
  const transforms = stack
    ? [
        // Whole degrees: an oblique image's camera comes back rotated by a float's crumb (1.7e-6°).
        Math.round(stack.rotation) % 360 ? `Rotated ${Math.round(stack.rotation) % 360}°` : '',
        stack.flippedHorizontally ? 'Flipped H' : '',
        stack.flippedVertically ? 'Flipped V' : '',
        stack.inverted ? 'Inverted' : '',
      ].filter(Boolean)
    : [];
  return (
    <>
      <div className="overlay top-left" data-testid="slice-counter" aria-live="polite">
        {stack ? `${unit} ${stack.index + 1} / ${stack.count}` : ''}
      </div>
      <div className="overlay top-right" data-testid="image-details">
        {[details.modality, details.seriesDescription, details.date].filter(Boolean).map((line) => (
          <div key={line}>{line}</div>
        ))}
      </div>
      <div className="overlay bottom-left" data-testid="window-level">
        <WindowReadout width={stack?.windowWidth} center={stack?.windowCenter} />
      </div>
      <div className="overlay bottom-right" data-testid="view-state">
        {stack ? <div>Zoom {stack.zoom.toFixed(2)}×</div> : null}
        {transforms.length > 0 && <div data-testid="view-transforms">{transforms.join(' · ')}</div>}
      </div>
    </>
  );
}

/** "W 1500 / L -600", or nothing before the first image. */
export function WindowReadout({ width, center }: { readonly width?: number; readonly center?: number }) {
  return width !== undefined && center !== undefined
    ? `W ${Math.round(width)} / L ${Math.round(center)}`
    : null;
}
