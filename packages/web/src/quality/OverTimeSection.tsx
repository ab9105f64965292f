import { LineChart } from './LineChart.js';
import { formatNumber } from './metric-format.js';
import type { QualityReport } from './quality-api.js';
import { agreementOverTime } from './report-rows.js';

/** Mean item agreement per day the items were computed, as a line, with the numbers underneath. */
export function OverTimeSection(props: { readonly overTime: QualityReport['overTime'] }) {
  const points = agreementOverTime(props.overTime);
  return (
    <section aria-labelledby="quality-over-time">
      <h2 id="quality-over-time">Agreement over time</h2>
      {points.length === 0 ? (
        <p className="muted">No items computed yet.</p>
      ) : (
        <>
          <LineChart title="Mean item agreement per day (Dice, F1 and label agreement)" points={points} />
          <details>
            <summary>Values per day</summary>
            <table className="grid-table quality-table">
              <thead>
                <tr>
                  <th scope="col">Day (UTC)</th>
                  <th scope="col">Items</th>
                  <th scope="col">Mean agreement</th>
                </tr>
              </thead>
              <tbody>
                {points
                  .filter((p) => p.items > 0)
                  .map((p) => (
                    <tr key={p.date}>
                      <th scope="row">{p.date}</th>
                      <td>{p.items}</td>
                      <td>{formatNumber(p.value)}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </details>
        </>
      )}
    </section>
  );
}
