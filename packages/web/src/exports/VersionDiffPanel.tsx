import { type FormEvent, useState } from 'react';
import { api } from '../api/api-client.js';
import { type DatasetVersion, type IdChanges, type VersionDiff, versionPaths } from './versions-api.js';

const KINDS = ['cases', 'labels', 'annotations'] as const;
const CHANGES = ['added', 'removed', 'changed'] as const;

/**
 * What changed from one version to another: cases, labels and annotations added, removed and changed,
 * as counts and, opened, as lists of ids; and the cases that moved between splits. A form: Enter compares.
 */
export function VersionDiffPanel(props: {
  readonly projectId: string;
  readonly versions: readonly DatasetVersion[];
}) {
  const { versions } = props;
  // Newest first: by default, what the latest version changed since the one before it.
  const [from, setFrom] = useState(versions[1]?.id ?? '');
  const [to, setTo] = useState(versions[0]?.id ?? '');
  const [diff, setDiff] = useState<VersionDiff | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (versions.length < 2) return <p className="muted">Two versions are needed to compare.</p>;

  async function compare(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      setDiff(await api.get<VersionDiff>(versionPaths.diff(props.projectId, from, to)));
    } catch (e) {
      setDiff(null);
      setError(e instanceof Error ? e.message : String(e));
    }
  }

  const choose = (value: string, onChange: (id: string) => void, label: string) => (
    <label>
      {label}
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        {versions.map((v) => (
          <option key={v.id} value={v.id}>
            {v.name}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <div className="version-diff">
      <form className="inline-form" onSubmit={compare} aria-label="Compare versions">
        {choose(from, setFrom, 'From')}
        {choose(to, setTo, 'To')}
        <button type="submit">Compare</button>
      </form>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {diff && <DiffResult diff={diff} />}
    </div>
  );
}

function DiffResult({ diff }: { readonly diff: VersionDiff }) {
  return (
    <>
      <table className="grid-table" aria-label={`Changes from ${diff.from} to ${diff.to}`}>
        <thead>
          <tr>
            <th scope="col">
              {diff.from} → {diff.to}
            </th>
            {CHANGES.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {KINDS.map((kind) => (
            <tr key={kind}>
              <th scope="row">{kind}</th>
              {CHANGES.map((c) => (
                <td key={c}>{diff[kind][c].length}</td>
              ))}
            </tr>
          ))}
          <tr>
            <th scope="row">moved between splits</th>
            <td colSpan={3}>{diff.movedBetweenSplits.length}</td>
          </tr>
        </tbody>
      </table>
      {KINDS.map((kind) => (
        <IdLists key={kind} kind={kind} changes={diff[kind]} />
      ))}
      {diff.movedBetweenSplits.length > 0 && (
        <details>
          <summary>Cases moved between splits ({diff.movedBetweenSplits.length})</summary>
          <ul className="id-list">
            {diff.movedBetweenSplits.map((m) => (
              <li key={m.id}>
                <code>{m.id}</code>: {m.from} → {m.to}
              </li>
            ))}
          </ul>
        </details>
      )}
    </>
  );
}

function IdLists(props: { readonly kind: string; readonly changes: IdChanges }) {
  return (
    <>
      {CHANGES.filter((c) => props.changes[c].length > 0).map((c) => (
        <details key={c}>
          <summary>
            {props.kind} {c} ({props.changes[c].length})
          </summary>
          <ul className="id-list">
            {props.changes[c].map((id) => (
              <li key={id}>
                <code>{id}</code>
              </li>
            ))}
          </ul>
        </details>
      ))}
    </>
  );
}
