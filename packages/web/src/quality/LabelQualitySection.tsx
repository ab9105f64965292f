import { BarChart } from './BarChart.js';
import {
  formatEstimate,
  formatMetric,
  formatNumber,
  formatPercent,
  formatThreshold,
  metricName,
} from './metric-format.js';
import type { PerLabelQuality } from './quality-api.js';
import { passRate } from './report-rows.js';

/**
 * Agreement per label: mean and median over items, how many fall below the threshold, and for
 * classification labels the chance-corrected agreement (Fleiss κ, Krippendorff α with its interval). The
 * chart shows each label's pass rate, the one number that compares across metrics.
 */
export function LabelQualitySection(props: { readonly labels: readonly PerLabelQuality[] }) {
  const classification = props.labels.some(
    (l) => l.fleissKappa !== undefined || l.krippendorffAlpha !== undefined,
  );
  return (
    <section aria-labelledby="quality-labels">
      <h2 id="quality-labels">Per label</h2>
      {props.labels.length === 0 ? (
        <p className="muted">No agreement computed yet.</p>
      ) : (
        <>
          <table className="grid-table quality-table">
            <thead>
              <tr>
                <th scope="col">Label</th>
                <th scope="col">Metric</th>
                <th scope="col">Mean</th>
                <th scope="col">Median</th>
                <th scope="col">n</th>
                <th scope="col">Threshold</th>
                <th scope="col">Below</th>
                <th scope="col">Pass rate</th>
                {classification && <th scope="col">Fleiss κ</th>}
                {classification && <th scope="col">Krippendorff α (CI)</th>}
              </tr>
            </thead>
            <tbody>
              {props.labels.map((l) => (
                <tr key={l.labelId}>
                  <th scope="row">
                    {l.labelName} <span className="muted">{l.labelType}</span>
                  </th>
                  <td>{metricName(l.metric)}</td>
                  <td>{formatMetric(l.mean, l.metric)}</td>
                  <td>{formatMetric(l.median, l.metric)}</td>
                  <td>{l.n}</td>
                  <td>{formatThreshold(l.threshold, l.metric, l.higherIsBetter)}</td>
                  <td className={l.belowThreshold > 0 ? 'warn' : undefined}>{l.belowThreshold}</td>
                  <td>{formatPercent(passRate(l))}</td>
                  {classification && (
                    <td>{l.fleissKappa === undefined ? '' : formatNumber(l.fleissKappa)}</td>
                  )}
                  {classification && (
                    <td>{l.krippendorffAlpha === undefined ? '' : formatEstimate(l.krippendorffAlpha)}</td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
          <BarChart
            title="Share of items passing the threshold, per label"
            max={1}
            data={props.labels.map((l) => ({
              key: l.labelId,
              name: l.labelName,
              value: passRate(l),
              text: formatPercent(passRate(l)),
            }))}
          />
        </>
      )}
    </section>
  );
}
