import { useCallback, useEffect, useId, useMemo, useState, useSyncExternalStore } from 'react';
import type { AnnotationEntry } from './annotation-entry.js';
import type { AnnotationStore } from './annotation-store.js';
import { AttentionList } from './attention-list.js';
import { ConflictDialog } from './ConflictDialog.js';
import { describePayload, type LabelName } from './describe-payload.js';
import { type SaveIndicatorItem, saveIndicatorView } from './save-indicator-view.js';
import './annotations.css';

export interface SaveIndicatorProps {
  readonly store: AnnotationStore;
  /** The project's labels, to name annotations in the conflict dialog and the refused list. */
  readonly labels: readonly LabelName[];
  /** A user's display name, if the page knows it (the conflict dialog says who saved their version). */
  readonly authorName?: (userId: string) => string | undefined;
}

/**
 * The viewer bar's save status: "All changes saved", "Saving…", "3 unsaved — retrying" with Retry now,
 * "1 conflict" (opens the conflict dialog) and "1 refused" (lists the server's reasons, with Retry and
 * Discard). Reads the store itself, so the page only places it.
 */
export function SaveIndicator({ store, labels, authorName }: SaveIndicatorProps) {
  const subscribe = useCallback((onChange: () => void) => store.subscribe(onChange), [store]);
  const read = useCallback(() => store.getSnapshot(), [store]);
  const snapshot = useSyncExternalStore(subscribe, read, read);
  const attention = useMemo(() => new AttentionList(store), [store]);
  useEffect(() => attention.follow(), [attention]);
  const waiting = attention.entries();
  const conflicts = waiting.filter((e) => e.status === 'conflict');
  const refused = waiting.filter((e) => e.status === 'rejected');
  const [dialogOpen, setDialogOpen] = useState(false);
  const [refusedOpen, setRefusedOpen] = useState(false);
  const panelId = useId();
  // Closed once nothing is left, so a later conflict does not pop the dialog up uninvited.
  useEffect(() => {
    if (conflicts.length === 0) setDialogOpen(false);
    if (refused.length === 0) setRefusedOpen(false);
  }, [conflicts.length, refused.length]);
  const view = saveIndicatorView(snapshot.summary);
  const retryError = snapshot.entries.find((e) => e.status === 'unsaved' && e.error)?.error ?? undefined;

  function part(item: SaveIndicatorItem) {
    switch (item.state) {
      case 'saved':
      case 'saving':
        return <span className="save-text">{item.text}</span>;
      case 'unsaved':
        return (
          <>
            <span className="save-text" title={retryError}>
              {item.text}
            </span>
            <button type="button" className="save-button" onClick={() => store.retryNow()}>
              Retry now
            </button>
          </>
        );
      case 'conflict':
        return (
          <button
            type="button"
            className="save-button attention"
            aria-haspopup="dialog"
            onClick={() => setDialogOpen(true)}
          >
            {item.text}
          </button>
        );
      case 'rejected':
        return (
          <button
            type="button"
            className="save-button attention"
            aria-expanded={refusedOpen}
            aria-controls={panelId}
            onClick={() => setRefusedOpen((open) => !open)}
          >
            {item.text}
          </button>
        );
    }
  }

  return (
    <div className="save-indicator-anchor">
      <div className="save-indicator" data-testid="save-indicator" data-state={view.state} aria-live="polite">
        {view.items.map((item) => (
          <span key={item.state} className={`save-item ${item.state}`}>
            {part(item)}
          </span>
        ))}
      </div>
      {refusedOpen && refused.length > 0 && (
        <RefusedPanel
          id={panelId}
          entries={refused}
          labels={labels}
          onRetry={(key) => store.retry(key)}
          onDiscard={(key) => store.discardLocalChanges(key)}
          onClose={() => setRefusedOpen(false)}
        />
      )}
      {dialogOpen && conflicts.length > 0 && (
        <ConflictDialog
          conflicts={conflicts}
          labels={labels}
          onResolve={(key, resolution) => store.resolveConflict(key, resolution)}
          onClose={() => setDialogOpen(false)}
          authorName={authorName}
        />
      )}
    </div>
  );
}

/** The refused saves with the server's reason each: retry (after fixing what it says) or discard the edit. */
function RefusedPanel(props: {
  readonly id: string;
  readonly entries: readonly AnnotationEntry[];
  readonly labels: readonly LabelName[];
  readonly onRetry: (key: string) => void;
  readonly onDiscard: (key: string) => void;
  readonly onClose: () => void;
}) {
  return (
    <section
      id={props.id}
      className="refused-panel"
      aria-label="Changes the server refused"
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        event.stopPropagation();
        props.onClose();
      }}
    >
      <ul>
        {props.entries.map((entry) => (
          <li key={entry.key} data-testid="refused-entry">
            <strong>{nameOf(entry, props.labels)}</strong>
            <span className="error">{entry.error ?? 'The server refused this change.'}</span>
            <span className="refused-actions">
              <button type="button" className="save-button" onClick={() => props.onRetry(entry.key)}>
                Retry
              </button>
              <button
                type="button"
                className="save-button"
                onClick={() => props.onDiscard(entry.key)}
                title="Go back to the version the server holds"
              >
                Discard my change
              </button>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function nameOf(entry: AnnotationEntry, labels: readonly LabelName[]): string {
  const { label, type } = describePayload(entry.content.payload, labels);
  return `${entry.content.deleted ? 'Deleting ' : ''}${label} · ${type}`;
}
