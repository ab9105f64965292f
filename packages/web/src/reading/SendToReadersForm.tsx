import { type FormEvent, useState } from 'react';
import { api } from '../api/api-client.js';
import type { AssignmentStrategy, Study } from '../api/api-types.js';
import { LoadState } from '../app/LoadState.js';
import type { Member } from '../projects/member-types.js';
import type { QualityItem } from '../quality/quality-api.js';
import {
  groupCandidates,
  itemsRequest,
  matchingCandidates,
  type ReadingCandidate,
  readingCandidates,
  selectionProblem,
  unsentCandidates,
} from './reading-candidates.js';
import { ASSIGNMENT_STRATEGIES } from './reading-choices.js';
import {
  readerShortfall,
  type SendProblem,
  type SentItem,
  sendProblemOf,
  sentItems,
} from './send-outcome.js';
import { onlyImageOf, type SendSources } from './send-sources.js';
import { useSendSources } from './use-send-sources.js';

/**
 * Managers pick images or series and send them to readers: each becomes one reading item with a task for
 * each of `readersPerItem` different annotators (POST …/items). What is an item already is not listed.
 */
export function SendToReadersForm(props: {
  readonly projectId: string;
  readonly studies: readonly Study[];
  readonly readersPerItem: number;
  readonly assignment: AssignmentStrategy;
  /** null while the members load. */
  readonly members: readonly Member[] | null;
  /** Items (and so tasks) were created. */
  readonly onSent: () => void;
}) {
  const [version, setVersion] = useState(0);
  const sources = useSendSources(props.projectId, version);
  const shortfall = props.members && readerShortfall(props.readersPerItem, props.members);
  const strategy = ASSIGNMENT_STRATEGIES.find((s) => s.value === props.assignment)?.name.toLowerCase();
  return (
    <section className="panel send-to-readers" aria-labelledby="send-to-readers-title">
      <h3 id="send-to-readers-title">Send to readers</h3>
      <p className="muted">
        Each image or series you pick becomes one item with {props.readersPerItem} task
        {props.readersPerItem === 1 ? '' : 's'}, for different annotators chosen {strategy}. They find them in
        their task list; when the last of them is done, their agreement is measured.
      </p>
      {shortfall && (
        <p className="reading-warning">
          {shortfall} <AddAnnotatorsButton />
        </p>
      )}
      <LoadState loaded={sources}>
        {(data) => (
          <PickAndSend
            {...props}
            sources={data}
            onSent={() => {
              setVersion((v) => v + 1);
              props.onSent();
            }}
            onStale={() => setVersion((v) => v + 1)}
          />
        )}
      </LoadState>
    </section>
  );
}

export function PickAndSend(props: {
  readonly projectId: string;
  readonly studies: readonly Study[];
  readonly sources: SendSources;
  readonly onSent: () => void;
  /** The list is out of date (something picked is an item already): load it again. */
  readonly onStale: () => void;
}) {
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  const [query, setQuery] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<SendProblem | null>(null);
  const [sent, setSent] = useState<readonly SentItem[] | null>(null);
  const all = readingCandidates(props.studies, props.sources.images);
  const open = unsentCandidates(all, props.sources.sent);
  const shown = matchingCandidates(open, query);
  const alreadySent = all.length - open.length;
  // A pick the list no longer offers (sent meanwhile) is neither counted nor sent.
  const openKeys = new Set(open.map((c) => c.key));
  const chosen = new Set([...picked].filter((key) => openKeys.has(key)));

  function toggle(key: string) {
    setPicked((current) => {
      const next = new Set(current);
      if (!next.delete(key)) next.add(key);
      return next;
    });
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const wrong = selectionProblem(chosen.size);
    setSent(null);
    if (wrong) {
      setProblem({ message: wrong, remedy: null });
      return;
    }
    setBusy(true);
    setProblem(null);
    let names: ReadonlyMap<string, string> = new Map(all.map((c) => [c.key, c.name]));
    try {
      const request = await itemsRequest(open, chosen, (seriesId) =>
        onlyImageOf(api, props.projectId, seriesId),
      );
      names = request.names;
      const { items } = await api.post<{ items: QualityItem[] }>(
        `/api/projects/${encodeURIComponent(props.projectId)}/items`,
        request.body,
      );
      setPicked(new Set());
      setSent(sentItems(items, names));
      props.onSent();
    } catch (error) {
      const failed = sendProblemOf(error, names);
      setProblem(failed);
      if (failed.remedy === 'refresh') props.onStale();
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} aria-label="Send to readers" noValidate>
      {all.length === 0 ? (
        <p className="muted">The project has no images yet.</p>
      ) : (
        <>
          <label className="candidate-filter">
            Find
            <input
              type="search"
              value={query}
              placeholder="subject, series, modality…"
              onChange={(e) => setQuery(e.target.value)}
            />
          </label>
          {alreadySent > 0 && (
            <p className="muted">
              {alreadySent} {alreadySent === 1 ? 'image or series was' : 'images or series were'} sent to
              readers before and {alreadySent === 1 ? 'is' : 'are'} not listed.
            </p>
          )}
          {open.length === 0 && <p className="muted">Everything has been sent to readers.</p>}
          {groupCandidates(shown).map(({ group, candidates }) => (
            <CandidateGroup
              key={group}
              group={group}
              candidates={candidates}
              picked={picked}
              onToggle={toggle}
              onPickAll={(keys) => setPicked((current) => new Set([...current, ...keys]))}
            />
          ))}
        </>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy || open.length === 0}>
          {busy ? 'Sending…' : `Send ${chosen.size || ''} to readers`}
        </button>
        {chosen.size > 0 && (
          <button type="button" onClick={() => setPicked(new Set())}>
            Clear selection
          </button>
        )}
      </div>
      {problem && <ProblemMessage problem={problem} />}
      {sent && <SentList items={sent} />}
    </form>
  );
}

function CandidateGroup(props: {
  readonly group: string;
  readonly candidates: readonly ReadingCandidate[];
  readonly picked: ReadonlySet<string>;
  readonly onToggle: (key: string) => void;
  readonly onPickAll: (keys: readonly string[]) => void;
}) {
  const count = props.candidates.length;
  return (
    <fieldset className="candidate-group">
      <legend>
        {props.group} <span className="muted">({count})</span>
      </legend>
      <button type="button" onClick={() => props.onPickAll(props.candidates.map((c) => c.key))}>
        Pick all {count} {props.group}
      </button>
      <ul className="plain candidate-list">
        {props.candidates.map((c) => (
          <li key={c.key}>
            <label>
              <input
                type="checkbox"
                checked={props.picked.has(c.key)}
                onChange={() => props.onToggle(c.key)}
              />{' '}
              {c.name} <span className="muted">{c.details}</span>
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

function ProblemMessage({ problem }: { readonly problem: SendProblem }) {
  return (
    <p className="error" role="alert">
      {problem.message}
      {problem.remedy === 'add-annotators' && (
        <>
          {' '}
          <AddAnnotatorsButton />
        </>
      )}
      {problem.remedy === 'refresh' && ' The list is now up to date: send again.'}
    </p>
  );
}

/**
 * Readers are members with the annotator role: the advice, and a button that takes the keyboard to the
 * Members panel's add form (its role defaults to annotator).
 */
function AddAnnotatorsButton() {
  function goToMembers() {
    const input = document.querySelector<HTMLInputElement>('form[aria-label="Add member"] input');
    input?.scrollIntoView({ behavior: 'smooth', block: 'center' });
    input?.focus({ preventScroll: true });
  }
  return (
    <>
      Add annotators, or lower “Readers per item” in the reading settings.{' '}
      <button type="button" onClick={goToMembers}>
        Add annotators…
      </button>
    </>
  );
}

function SentList({ items }: { readonly items: readonly SentItem[] }) {
  return (
    <div role="status" className="sent-items">
      <p>
        {items.length} item{items.length === 1 ? '' : 's'} created.
      </p>
      <ul>
        {items.map((item) => (
          <li key={item.itemId}>
            {item.name} — <span className="muted">read by</span> {item.readers.join(', ')}
          </li>
        ))}
      </ul>
    </div>
  );
}
