import { type KeyboardEvent, useRef, useState } from 'react';
import { api } from '../api/api-client.js';
import { LoadState } from '../app/LoadState.js';
import { isTypingTarget } from '../app/shortcut-registry.js';
import { HeldPreview } from './HeldPreview.js';
import { addMark, type MarkedRegions, NO_MARKS, removeMark, undoMark } from './marked-regions.js';
import type { HeldImage } from './privacy-types.js';
import { moveSelection, reviewActionOf } from './review-keys.js';
import type { HeldImages } from './use-held-images.js';
import './privacy.css';

/**
 * Images held for review of burned-in text (managers and owners). The reviewer looks at each preview,
 * drags rectangles over any text left, and accepts (those regions are blanked first) or rejects (the
 * image is deleted). Keys, while the panel has focus: A accept, R reject, arrows move, Ctrl+Z undo.
 */
export function HeldImagesPanel(props: {
  readonly projectId: string;
  readonly held: HeldImages;
  /** An image joined the project: the page's lists of images are out of date. */
  readonly onAccepted?: () => void;
}) {
  // Here rather than in the review: the outcome of the last decision stays when the list empties.
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const count = props.held.loaded.status === 'ready' ? props.held.loaded.data.length : 0;
  return (
    <section className="panel held-panel" aria-labelledby="held-title" id="held-for-review">
      <div className="heading-row">
        <h2 id="held-title">
          Held for review{' '}
          {count > 0 && (
            <span className="badge" title={`${count} waiting`}>
              {count}
            </span>
          )}
        </h2>
        <button type="button" onClick={props.held.refresh}>
          Refresh
        </button>
      </div>
      <LoadState loaded={props.held.loaded}>
        {(list) =>
          list.length === 0 ? (
            <p className="muted">No images wait for review.</p>
          ) : (
            <HeldReview
              projectId={props.projectId}
              list={list}
              onDone={(heldId, accepted) => {
                props.held.remove(heldId);
                if (accepted) props.onAccepted?.();
              }}
              onOutcome={setOutcome}
            />
          )
        }
      </LoadState>
      {outcome && (
        <p className={outcome.error ? 'error' : 'muted'} role={outcome.error ? 'alert' : 'status'}>
          {outcome.text}
        </p>
      )}
    </section>
  );
}

/** What became of the last accept or reject. */
interface Outcome {
  readonly text: string;
  readonly error: boolean;
}

function HeldReview(props: {
  readonly projectId: string;
  readonly list: readonly HeldImage[];
  readonly onDone: (heldId: string, accepted: boolean) => void;
  readonly onOutcome: (outcome: Outcome | null) => void;
}) {
  const base = `/api/projects/${encodeURIComponent(props.projectId)}/held-images`;
  const [selectedId, setSelectedId] = useState(props.list[0]!.id);
  const [marksById, setMarksById] = useState<Readonly<Record<string, MarkedRegions>>>({});
  const [busy, setBusy] = useState(false);
  const panel = useRef<HTMLDivElement>(null);

  // The selection stays on its image while others leave the list; when it leaves, the next one is chosen.
  const found = props.list.findIndex((h) => h.id === selectedId);
  const index = Math.max(found, 0);
  const selected = props.list[index]!;
  const marks = marksById[selected.id] ?? NO_MARKS;
  const setMarks = (change: (m: MarkedRegions) => MarkedRegions) =>
    setMarksById((all) => ({ ...all, [selected.id]: change(all[selected.id] ?? NO_MARKS) }));

  function select(i: number) {
    const item = props.list[i];
    if (item) setSelectedId(item.id);
  }

  async function decide(action: 'accept' | 'reject') {
    if (busy) return;
    if (action === 'reject' && !window.confirm('Reject this image? It is deleted and cannot be recovered.'))
      return;
    setBusy(true);
    props.onOutcome(null);
    const id = selected.id;
    try {
      if (action === 'accept') {
        const { imageId } = await api.post<{ imageId: string }>(`${base}/${id}/accept`, {
          blank: marks.regions,
        });
        props.onOutcome({ text: `Accepted: image ${imageId} is now in the project.`, error: false });
      } else {
        await api.post(`${base}/${id}/reject`);
        props.onOutcome({ text: 'Rejected: the image was deleted.', error: false });
      }
      const next = props.list[index + 1] ?? props.list[index - 1];
      if (next) setSelectedId(next.id);
      props.onDone(id, action === 'accept');
    } catch (error) {
      props.onOutcome({ text: error instanceof Error ? error.message : String(error), error: true });
    } finally {
      setBusy(false);
      panel.current?.focus();
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (isTypingTarget(event.target)) return;
    const action = reviewActionOf(event);
    if (!action) return;
    event.preventDefault();
    if (action === 'accept' || action === 'reject') void decide(action);
    else if (action === 'undo') setMarks(undoMark);
    else select(moveSelection(index, props.list.length, action === 'next' ? 1 : -1));
  }

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: A, R, the arrows and Ctrl+Z act on the selection.
    <div
      className="held-review"
      ref={panel}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: the panel takes the review keys while focused.
      tabIndex={0}
      onKeyDown={onKeyDown}
    >
      <ul className="held-list" aria-label="Held images">
        {props.list.map((item, i) => (
          <li key={item.id}>
            <button
              type="button"
              className={i === index ? 'held-item selected' : 'held-item'}
              aria-current={i === index}
              onClick={() => select(i)}
            >
              <strong>
                {item.modality ?? item.format.toUpperCase()} · {item.createdAt.slice(0, 16).replace('T', ' ')}
              </strong>
              <span className="muted">{item.reasons.join('; ')}</span>
            </button>
          </li>
        ))}
      </ul>
      <div className="held-detail">
        <HeldPreview
          key={selected.id}
          src={`${base}/${selected.id}/preview`}
          alt={`Preview of held image ${index + 1}`}
          blanked={selected.blanked}
          marks={marks.regions}
          onMark={(r) => setMarks((m) => addMark(m, r))}
          onPointerStart={() => panel.current?.focus({ preventScroll: true })}
        />
        <p className="muted">
          Why held: {selected.reasons.join('; ') || 'no reason given'}. Dashed outlines:{' '}
          {selected.blanked.length} region(s) already blanked. Drag on the image to mark more text to blank.
        </p>
        <MarkList marks={marks} onRemove={(i) => setMarks((m) => removeMark(m, i))} />
        <div className="actions">
          <button type="button" className="primary" disabled={busy} onClick={() => void decide('accept')}>
            Accept{marks.regions.length > 0 ? ` and blank ${marks.regions.length}` : ''} <kbd>A</kbd>
          </button>
          <button type="button" disabled={busy} onClick={() => void decide('reject')}>
            Reject <kbd>R</kbd>
          </button>
          <button type="button" disabled={marks.past.length === 0} onClick={() => setMarks(undoMark)}>
            Undo <kbd>Ctrl+Z</kbd>
          </button>
        </div>
        <p className="meta">
          Keys while this panel has focus: <kbd>A</kbd> accept, <kbd>R</kbd> reject, <kbd>↑</kbd> <kbd>↓</kbd>{' '}
          previous or next image, <kbd>Ctrl+Z</kbd> undo the last mark.
        </p>
      </div>
    </div>
  );
}

function MarkList(props: { readonly marks: MarkedRegions; readonly onRemove: (index: number) => void }) {
  if (props.marks.regions.length === 0) return null;
  return (
    <ol className="mark-list" aria-label="Regions to blank">
      {props.marks.regions.map((r, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: marks may repeat; their order is their identity
        <li key={i}>
          x {r.x}, y {r.y}, {r.width} × {r.height} px{' '}
          <button type="button" className="link-button" onClick={() => props.onRemove(i)}>
            Remove region {i + 1}
          </button>
        </li>
      ))}
    </ol>
  );
}
