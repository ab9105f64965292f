import type { AgreementRow } from './agreement-rows.js';

/** The item's agreement per label: the value against its threshold, each reader pair, each reader. */
export function AgreementTable(props: { readonly rows: readonly AgreementRow[] }) {
  if (props.rows.length === 0) return <p className="muted">No agreement computed for this item yet.</p>;
  return (
    <table className="grid-table quality-table agreement-table">
      <thead>
        <tr>
          <th scope="col">Label</th>
          <th scope="col">Agreement</th>
          <th scope="col">Pairs</th>
          <th scope="col">Per reader</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((row) => (
          <tr key={row.labelId} className={row.passed ? undefined : 'failed'}>
            <th scope="row">
              {row.colour && (
                <span className="swatch" style={{ background: row.colour }} aria-hidden="true" />
              )}
              {row.name}
              <div className="meta">{row.metric}</div>
            </th>
            <td>
              <strong>{row.value}</strong> <span className="muted">{row.threshold}</span>
              <div className={row.passed ? 'muted' : 'warn'}>{row.passed ? 'passes' : 'below threshold'}</div>
              {row.note && <div className="meta">{row.note}</div>}
            </td>
            <td>
              <ul className="plain">
                {row.pairs.map((pair) => (
                  <li key={pair.key}>
                    {pair.readers}: {pair.value}
                    {pair.details && <div className="meta">{pair.details}</div>}
                  </li>
                ))}
              </ul>
            </td>
            <td>
              <ul className="plain">
                {row.perReader.map((r) => (
                  <li key={r.userId}>
                    {r.name}: {r.value}
                  </li>
                ))}
              </ul>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
