import { useState } from 'react';
import { Link } from '../app/Link.js';
import { LoadState } from '../app/LoadState.js';
import type { ItemDetail } from './quality-api.js';
import { reviewActionOf, stepSlice } from './review-keys.js';
import { initiallyVisible, type ReviewLayer, reviewLayers, startSlice } from './review-layers.js';
import { SlicePane } from './SlicePane.js';
import type { SliceImages } from './slice-images.js';
import { useSliceImages } from './use-slice-images.js';
import { useWindowKeys } from './use-window-keys.js';

/**
 * The readers' annotations on the current slice: one pane per shown source side by side, or all of them in
 * one pane. Checkboxes choose the sources (the consensus among them); a slider, the arrows, PageUp/PageDown,
 * Home and End choose the slice.
 */
export function ReviewPanes(props: {
  readonly projectId: string;
  readonly detail: ItemDetail;
  readonly overlay: boolean;
  readonly onOverlayChange: (overlay: boolean) => void;
  readonly viewerPath: string | null;
  /** The viewer with one source's annotations only (a reader's userId, or the consensus). */
  readonly sourceViewerPath: (sourceId: string) => string | null;
}) {
  const images = useSliceImages(props.projectId, props.detail.item);
  return (
    <section className="review-panes" aria-label="Annotations">
      <LoadState loaded={images}>
        {(data) =>
          data.kind === 'none' ? (
            <p className="muted">
              {data.reason} {props.viewerPath && <Link to={props.viewerPath}>Open the viewer</Link>}
            </p>
          ) : (
            <LoadedPanes {...props} images={data} />
          )
        }
      </LoadState>
    </section>
  );
}

function LoadedPanes(props: {
  readonly projectId: string;
  readonly detail: ItemDetail;
  readonly overlay: boolean;
  readonly onOverlayChange: (overlay: boolean) => void;
  readonly images: Extract<SliceImages, { kind: 'slices' }>;
  readonly sourceViewerPath: (sourceId: string) => string | null;
}) {
  const count = props.images.urls.length;
  const [slice, setSlice] = useState(() => startSlice(props.detail, count));
  const [visible, setVisible] = useState(() => initiallyVisible(props.detail));
  const layers = reviewLayers(props.projectId, props.detail, slice);
  const shown = layers.filter((layer) => visible.has(layer.sourceId));
  const imageUrl = props.images.urls[slice]!;
  const dims = props.detail.item.dims;
  const pixels = dims ? { width: dims[0], height: dims[1] } : null;

  useWindowKeys((event) => {
    const action = reviewActionOf(event, 0);
    if (action?.kind !== 'slice' && action?.kind !== 'slice-end') return false;
    setSlice((k) => stepSlice(k, count, action));
    return true;
  });

  function toggle(sourceId: string) {
    setVisible((set) => {
      const next = new Set(set);
      if (next.has(sourceId)) next.delete(sourceId);
      else next.add(sourceId);
      return next;
    });
  }

  return (
    <>
      <div className="review-toolbar">
        <fieldset className="segmented">
          <legend className="visually-hidden">Layout</legend>
          <label>
            <input type="radio" checked={!props.overlay} onChange={() => props.onOverlayChange(false)} /> Side
            by side
          </label>
          <label>
            <input type="radio" checked={props.overlay} onChange={() => props.onOverlayChange(true)} />{' '}
            Overlay <kbd>O</kbd>
          </label>
        </fieldset>
        <fieldset className="layer-toggles">
          <legend className="visually-hidden">Show</legend>
          {layers.map((layer) => (
            <label key={layer.sourceId}>
              <input
                type="checkbox"
                checked={visible.has(layer.sourceId)}
                onChange={() => toggle(layer.sourceId)}
              />{' '}
              <span className="swatch" style={{ background: layer.colour }} aria-hidden="true" />
              {layer.name}
            </label>
          ))}
        </fieldset>
        {count > 1 && (
          <label className="slice-slider">
            Slice {slice + 1} of {count}{' '}
            <input
              type="range"
              min={0}
              max={count - 1}
              value={slice}
              onChange={(e) => setSlice(Number(e.target.value))}
            />
          </label>
        )}
      </div>
      {shown.length === 0 ? (
        <p className="muted">Choose a reader to show.</p>
      ) : props.overlay ? (
        <div className="pane-grid overlaid">
          <SlicePane
            title={paneTitle(shown, slice, count)}
            imageUrl={imageUrl}
            layers={shown}
            pixels={pixels}
            sourceViewerPath={props.sourceViewerPath}
          />
        </div>
      ) : (
        <div className="pane-grid">
          {shown.map((layer) => (
            <SlicePane
              key={layer.sourceId}
              title={paneTitle([layer], slice, count)}
              imageUrl={imageUrl}
              layers={[layer]}
              pixels={pixels}
              sourceViewerPath={props.sourceViewerPath}
            />
          ))}
        </div>
      )}
    </>
  );
}

function paneTitle(layers: readonly ReviewLayer[], slice: number, count: number): string {
  return `Slice ${slice + 1} of ${count} with the annotations of ${layers.map((l) => l.name).join(', ')}`;
}
