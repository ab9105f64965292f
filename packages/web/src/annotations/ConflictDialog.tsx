import { useId, useRef, useState } from 'react';
import type { AnnotationContent, AnnotationEntry } from './annotation-entry.js';
import type { ConflictResolution } from './annotation-store.js';
import { describePayload, type LabelName, type PayloadDescription } from './describe-payload.js';
import { useFocusTrap } from './focus-trap.js';
import { mergePayloads } from './merge-payloads.js';

export interface ConflictDialogProps {
  /** The entries in conflict (status 'conflict', `conflict` set); the dialog steps through them. */
  readonly conflicts: readonly AnnotationEntry[];
  readonly labels: readonly LabelName[];
  /** Settles one conflict; the entry then leaves `conflicts` and the next one takes its place. */
  readonly onResolve: (key: string, resolution: ConflictResolution) => void;
  /** Escape or the close button: closes without choosing (the conflicts stay). */
  readonly onClose: () => void;
  /** A user's display name, if the page knows it (their version then says who saved it). */
  readonly authorName?: (userId: string) => string | undefined;
}

/**
 * Someone saved an annotation after this user's edit began: both versions side by side (label, type and a
 * summary of the geometry), and the choice of keeping mine, taking theirs, or merging when a safe merge
 * exists. A modal: focus stays inside, Escape closes without choosing; several conflicts are stepped
 * through ("1 of 3").
 */
export function ConflictDialog(props: ConflictDialogProps) {
  const [step, setStep] = useState(0);
  const dialog = useRef<HTMLDivElement>(null);
  const onKeyDown = useFocusTrap(dialog, props.onClose);
  const titleId = useId();
  const explainerId = useId();
  const count = props.conflicts.length;
  const index = Math.min(step, count - 1);
  const entry = props.conflicts[index];
  if (!entry?.conflict) return null;
  const { mine, theirs } = entry.conflict;
  const merged = !mine.deleted && !theirs.deleted ? mergePayloads(mine.payload, theirs.payload) : undefined;
  const theirSide = describeContent(theirs, props.labels);
  const mySide = describeContent(mine, props.labels);
  const resolve = (resolution: ConflictResolution) => props.onResolve(entry.key, resolution);
  const author = props.authorName?.(theirs.authorId) ?? 'another user';

  return (
    <div className="modal-backdrop">
      <div
        ref={dialog}
        className="conflict-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={explainerId}
        tabIndex={-1}
        onKeyDown={onKeyDown}
        data-testid="conflict-dialog"
      >
        <div className="heading-row">
          <h2 id={titleId}>Conflicting edit</h2>
          {count > 1 && (
            <span className="muted" data-testid="conflict-step">
              {index + 1} of {count}
            </span>
          )}
          <button type="button" onClick={props.onClose} aria-label="Close without choosing">
            Esc
          </button>
        </div>
        <p id={explainerId} className="muted">
          This annotation was saved by someone else while you were editing it. Nothing more is saved until you
          choose which version to keep.
        </p>
        <div className="conflict-sides">
          <VersionCard
            title="Their version"
            meta={`Saved by ${author} · revision ${theirs.revision} · ${formatTime(theirs.updatedAt)}`}
            side={theirSide}
            other={mySide}
          />
          <VersionCard
            title="Your version"
            meta={`Not saved · edited from revision ${entry.revision ?? '–'}`}
            side={mySide}
            other={theirSide}
          />
        </div>
        {merged && (
          <p className="conflict-merge" data-testid="conflict-merge">
            Merge keeps both: {describePayload(merged, props.labels).lines.join(' · ')}
          </p>
        )}
        <div className="conflict-actions">
          <button
            type="button"
            onClick={() => resolve({ kind: 'keepMine' })}
            title="Save your version over theirs"
          >
            Keep mine
          </button>
          <button type="button" onClick={() => resolve({ kind: 'takeTheirs' })} title="Drop your edit">
            Take theirs
          </button>
          <button
            type="button"
            disabled={!merged}
            onClick={() => merged && resolve({ kind: 'merge', payload: merged })}
            title={merged ? 'Save both versions merged' : 'These versions cannot be merged safely: pick one'}
          >
            Merge
          </button>
          {count > 1 && (
            <span className="conflict-steps">
              <button type="button" disabled={index === 0} onClick={() => setStep(index - 1)}>
                ‹ Previous
              </button>
              <button type="button" disabled={index === count - 1} onClick={() => setStep(index + 1)}>
                Next ›
              </button>
            </span>
          )}
        </div>
      </div>
    </div>
  );
}

/** A side of the conflict; null when that side deleted the annotation. */
type Side = PayloadDescription | null;

function describeContent(content: AnnotationContent, labels: readonly LabelName[]): Side {
  return content.deleted ? null : describePayload(content.payload, labels);
}

/** One version; the lines the other version does not have are marked, so the difference stands out. */
function VersionCard(props: {
  readonly title: string;
  readonly meta: string;
  readonly side: Side;
  readonly other: Side;
}) {
  const { side, other } = props;
  const differs = (text: string, otherText: string | undefined) =>
    text !== otherText ? 'differs' : undefined;
  return (
    <section className="conflict-version" aria-label={props.title}>
      <h3>{props.title}</h3>
      <p className="meta">{props.meta}</p>
      {side ? (
        <dl>
          <dt>Label</dt>
          <dd className={differs(side.label, other?.label)}>{side.label}</dd>
          <dt>Type</dt>
          <dd className={differs(side.type, other?.type)}>{side.type}</dd>
          <dt>Details</dt>
          {side.lines.map((line) => (
            <dd key={line} className={other?.lines.includes(line) ? undefined : 'differs'}>
              {line}
            </dd>
          ))}
        </dl>
      ) : (
        <p className="differs">Deleted</p>
      )}
    </section>
  );
}

function formatTime(iso: string): string {
  const time = new Date(iso);
  return Number.isNaN(time.getTime()) ? iso : time.toLocaleString();
}
