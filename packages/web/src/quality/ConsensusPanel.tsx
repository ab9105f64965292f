import { useState } from 'react';
import { Link } from '../app/Link.js';
import { type ConsensusRow, methodName } from './agreement-rows.js';
import type { ConsensusSet } from './quality-api.js';

/**
 * The proposed (or accepted) consensus: how each label's consensus was made, STAPLE's estimate of each
 * reader, and the way to change it: recompute here, or edit it in the viewer.
 */
export function ConsensusPanel(props: {
  readonly consensus: ConsensusSet | null;
  readonly rows: readonly ConsensusRow[];
  /** The viewer showing the consensus's annotations only (consensusViewerPathOf); null hides the link. */
  readonly viewerPath: string | null;
  readonly busy: boolean;
  readonly onRecompute: (method: 'staple' | 'majority-vote') => void;
}) {
  const [method, setMethod] = useState<'staple' | 'majority-vote'>('staple');
  const { consensus } = props;
  return (
    <section className="panel consensus-panel" aria-labelledby="consensus-title">
      <h2 id="consensus-title">Consensus</h2>
      {consensus ? (
        <>
          <p className="meta">
            {consensus.status === 'accepted' ? 'Accepted' : 'Proposed'} · {methodName(consensus.method)} ·{' '}
            {consensus.createdAt.slice(0, 16).replace('T', ' ')}
          </p>
          <ul className="plain consensus-labels">
            {props.rows.map((row) => (
              <li key={row.labelId}>
                <strong>{row.name}</strong>: {row.method}
                {row.needsAdjudication && <span className="warn"> · needs adjudication</span>}
                {row.staple.length > 0 && (
                  <table className="grid-table quality-table">
                    <thead>
                      <tr>
                        <th scope="col">Reader</th>
                        <th scope="col">Sensitivity</th>
                        <th scope="col">Specificity</th>
                      </tr>
                    </thead>
                    <tbody>
                      {row.staple.map((r) => (
                        <tr key={r.userId}>
                          <th scope="row">{r.name}</th>
                          <td>{r.sensitivity}</td>
                          <td>{r.specificity}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                )}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="muted">No consensus proposed yet.</p>
      )}
      <div className="actions">
        <label>
          Masks by{' '}
          <select value={method} onChange={(e) => setMethod(e.target.value as 'staple' | 'majority-vote')}>
            <option value="staple">STAPLE</option>
            <option value="majority-vote">majority vote</option>
          </select>
        </label>
        <button type="button" disabled={props.busy} onClick={() => props.onRecompute(method)}>
          {consensus ? 'Recompute consensus' : 'Propose consensus'}
        </button>
        {props.viewerPath && <Link to={props.viewerPath}>Edit consensus in the viewer</Link>}
      </div>
    </section>
  );
}
