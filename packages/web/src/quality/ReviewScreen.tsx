import { useState } from 'react';
import { api } from '../api/api-client.js';
import type { Label, Project } from '../api/api-types.js';
import { useApiGet } from '../api/use-api-get.js';
import { Link } from '../app/Link.js';
import { LoadState } from '../app/LoadState.js';
import { navigate } from '../app/navigation.js';
import { pathOf } from '../app/routes.js';
import { AgreementTable } from './AgreementTable.js';
import { AnswersTable } from './AnswersTable.js';
import { agreementRows, consensusRows } from './agreement-rows.js';
import { answerRows } from './answer-rows.js';
import { ConsensusPanel } from './ConsensusPanel.js';
import { decisionErrorMessage, isStale } from './decision-form.js';
import { consensusViewerPathOf, reviewPathOf, sourceViewerPathOf, viewerPathOf } from './item-links.js';
import { type Decision, type ItemDetail, itemPath, projectApiBase, qualityClient } from './quality-api.js';
import { ReviewPanes } from './ReviewPanes.js';
import { reviewActionOf } from './review-keys.js';
import { itemTitle, nextItemId } from './review-queue.js';
import { SendBackDialog } from './SendBackDialog.js';
import { useWindowKeys } from './use-window-keys.js';
import './quality.css';

/** What became of the last action: said on screen; a stale item offers to reload. */
interface Outcome {
  readonly text: string;
  readonly error: boolean;
  readonly stale: boolean;
  /** A decision was made: offer the next disputed item. */
  readonly decided?: boolean;
}

/**
 * `/projects/:projectId/quality/items/:itemId`: the readers' annotations of a disputed item, side by side or
 * overlaid, its agreement and proposed consensus, and the decision: accept a reader's (1–9), accept the
 * consensus (A), or send back (S).
 */
export function ReviewScreen(props: { readonly projectId: string; readonly itemId: string }) {
  const [version, setVersion] = useState(0);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const loaded = useApiGet<ItemDetail>(
    `${itemPath(props.projectId, props.itemId)}${version > 0 ? `?v=${version}` : ''}`,
  );
  const project = useApiGet<Project>(projectApiBase(props.projectId));
  const labels = project.status === 'ready' ? project.data.labels : [];
  const reload = () => setVersion((v) => v + 1);
  async function openNext() {
    try {
      const { items } = await qualityClient(api, props.projectId).disputed(2);
      const next = nextItemId(items, props.itemId);
      if (next) navigate(reviewPathOf(props.projectId, next));
      else setOutcome({ text: 'No disputed items are left.', error: false, stale: false });
    } catch (error) {
      setOutcome({ text: decisionErrorMessage(error), error: true, stale: false });
    }
  }
  return (
    <main className="page quality-page review-screen">
      <p>
        <Link to={pathOf({ name: 'quality-review', projectId: props.projectId })}>← Review queue</Link>
        {' · '}
        <Link to={pathOf({ name: 'quality', projectId: props.projectId })}>Quality</Link>
      </p>
      {outcome && (
        <p className={outcome.error ? 'error' : 'notice'} role={outcome.error ? 'alert' : 'status'}>
          {outcome.text}{' '}
          {outcome.stale && (
            <button type="button" onClick={reload}>
              Reload
            </button>
          )}
          {outcome.decided && (
            <button type="button" className="primary" onClick={() => void openNext()}>
              Next disputed item →
            </button>
          )}
        </p>
      )}
      <LoadState loaded={loaded}>
        {(detail) => (
          <ReviewBody
            key={version}
            projectId={props.projectId}
            detail={detail}
            labels={labels}
            onOutcome={setOutcome}
            onChanged={reload}
          />
        )}
      </LoadState>
    </main>
  );
}

function ReviewBody(props: {
  readonly projectId: string;
  readonly detail: ItemDetail;
  readonly labels: readonly Label[];
  readonly onOutcome: (outcome: Outcome | null) => void;
  /** The item changed on the server (a decision, a new consensus): load it again. */
  readonly onChanged: () => void;
}) {
  const { detail } = props;
  const { item, consensus } = detail;
  const client = qualityClient(api, props.projectId);
  const [busy, setBusy] = useState(false);
  const [sendingBack, setSendingBack] = useState(false);
  const [overlay, setOverlay] = useState(false);
  const decidable = item.status === 'disputed' || item.status === 'agreed';
  const viewer = viewerPathOf(props.projectId, item);
  // Only the consensus's annotations, so that the reviewer edits it and not a reader's drawing.
  const consensusViewer = consensus ? consensusViewerPathOf(props.projectId, item) : null;

  async function run(action: () => Promise<string>, decided = false) {
    if (busy) return;
    setBusy(true);
    props.onOutcome(null);
    try {
      const text = await action();
      props.onOutcome({ text, error: false, stale: false, decided });
      props.onChanged();
    } catch (error) {
      props.onOutcome({ text: decisionErrorMessage(error), error: true, stale: isStale(error) });
    } finally {
      setBusy(false);
    }
  }

  function decide(decision: Decision, done: string) {
    void run(async () => {
      const result = await client.decide(item.id, decision);
      setSendingBack(false);
      return `${done} The item is now ${result.item.status.replace('_', ' ')}.`;
    }, true);
  }

  function acceptReader(index: number) {
    const reader = item.readers[index];
    if (!reader || !decidable) return;
    if (!window.confirm(`Make ${reader.displayName}'s annotations the consensus of this item?`)) return;
    decide(
      { action: 'accept-reader', readerId: reader.userId },
      `Accepted ${reader.displayName}'s annotations.`,
    );
  }

  function acceptConsensus() {
    if (!decidable) return;
    if (!consensus) {
      props.onOutcome({ text: 'There is no proposed consensus to accept yet.', error: true, stale: false });
      return;
    }
    if (!window.confirm('Accept the proposed consensus for this item?')) return;
    decide({ action: 'accept-consensus' }, 'Accepted the consensus.');
  }

  useWindowKeys((event) => {
    if (sendingBack) return false;
    const action = reviewActionOf(event, item.readers.length);
    if (!action) return false;
    if (action.kind === 'accept-reader') acceptReader(action.index);
    else if (action.kind === 'accept-consensus') acceptConsensus();
    else if (action.kind === 'send-back') decidable && setSendingBack(true);
    else if (action.kind === 'toggle-overlay') setOverlay((o) => !o);
    else return false; // slices: the panes handle them
    return true;
  });

  return (
    <>
      <div className="heading-row">
        <h1>{itemTitle(item)}</h1>
        <span className={`item-status item-${item.status}`}>{item.status.replace('_', ' ')}</span>
        {viewer && <Link to={viewer}>Open in the viewer</Link>}
      </div>
      {item.error && (
        <p className="error" role="alert">
          Agreement could not be computed: {item.error}
        </p>
      )}
      <ReviewPanes
        projectId={props.projectId}
        detail={detail}
        overlay={overlay}
        onOverlayChange={setOverlay}
        viewerPath={viewer}
        sourceViewerPath={(sourceId) => sourceViewerPathOf(props.projectId, item, sourceId)}
      />
      <AnswersTable rows={answerRows(detail, props.labels)} readers={item.readers} />
      <div className="review-side">
        <section aria-labelledby="agreement-title">
          <h2 id="agreement-title">Agreement</h2>
          <AgreementTable rows={agreementRows(item.agreement ?? [], item.readers)} />
        </section>
        <ConsensusPanel
          consensus={consensus}
          rows={consensus ? consensusRows(consensus, item.agreement ?? [], item.readers) : []}
          viewerPath={consensusViewer}
          busy={busy}
          onRecompute={(method) =>
            void run(async () => {
              await client.recomputeConsensus(item.id, method);
              return 'A new consensus was proposed.';
            })
          }
        />
      </div>
      <section className="panel decision-panel" aria-labelledby="decision-title">
        <h2 id="decision-title">Decision</h2>
        {!decidable && (
          <p className="muted">This item is {item.status.replace('_', ' ')}: there is nothing to decide.</p>
        )}
        <div className="actions">
          {item.readers.map((reader, index) => (
            <button
              type="button"
              key={reader.userId}
              disabled={busy || !decidable}
              onClick={() => acceptReader(index)}
            >
              Accept {reader.displayName}'s {index < 9 && <kbd>{index + 1}</kbd>}
            </button>
          ))}
          <button
            type="button"
            className="primary"
            disabled={busy || !decidable || !consensus}
            onClick={acceptConsensus}
          >
            Accept consensus <kbd>A</kbd>
          </button>
          {consensusViewer && <Link to={consensusViewer}>Edit consensus in the viewer</Link>}
          <button type="button" disabled={busy || !decidable} onClick={() => setSendingBack(true)}>
            Send back… <kbd>S</kbd>
          </button>
        </div>
        <p className="meta">
          <kbd>O</kbd> switches overlay and side by side; <kbd>↑</kbd> <kbd>↓</kbd> <kbd>PageUp</kbd>{' '}
          <kbd>PageDown</kbd> move through slices.
        </p>
      </section>
      {sendingBack && (
        <SendBackDialog
          readers={item.readers}
          busy={busy}
          onCancel={() => setSendingBack(false)}
          onSend={(decision) => decide(decision, 'Sent back to the readers.')}
        />
      )}
    </>
  );
}
