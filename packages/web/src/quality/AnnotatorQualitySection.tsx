import { useState } from 'react';
import { BarChart } from './BarChart.js';
import { formatNumber } from './metric-format.js';
import type { AnnotatorQuality } from './quality-api.js';
import {
  type AnnotatorColumn,
  type SortDirection,
  sortAnnotators,
  throughputDays,
  throughputSeries,
} from './report-rows.js';
import { Sparkline } from './Sparkline.js';

const COLUMNS: readonly { readonly column: AnnotatorColumn; readonly title: string }[] = [
  { column: 'name', title: 'Annotator' },
  { column: 'done', title: 'Done / assigned' },
  { column: 'agreement', title: 'Mean agreement' },
  { column: 'minutes', title: 'Median min / item' },
];

/** Per annotator: work done, agreement with the other readers, pace, and items done per day. */
export function AnnotatorQualitySection(props: { readonly annotators: readonly AnnotatorQuality[] }) {
  const [sort, setSort] = useState<{ column: AnnotatorColumn; direction: SortDirection }>({
    column: 'agreement',
    direction: 'ascending',
  });
  const rows = sortAnnotators(props.annotators, sort.column, sort.direction);
  const days = throughputDays(props.annotators);
  const span = days.length > 0 ? `${days[0]} to ${days[days.length - 1]}` : '';
  function sortBy(column: AnnotatorColumn) {
    setSort((s) => ({
      column,
      direction: s.column === column && s.direction === 'ascending' ? 'descending' : 'ascending',
    }));
  }
  return (
    <section aria-labelledby="quality-annotators">
      <h2 id="quality-annotators">Per annotator</h2>
      {rows.length === 0 ? (
        <p className="muted">No annotators have finished an item yet.</p>
      ) : (
        <>
          <table className="grid-table quality-table">
            <thead>
              <tr>
                {COLUMNS.map(({ column, title }) => (
                  <th
                    scope="col"
                    key={column}
                    aria-sort={sort.column === column ? sort.direction : undefined}
                  >
                    <button type="button" className="link-button" onClick={() => sortBy(column)}>
                      {title}
                      {sort.column === column ? (sort.direction === 'ascending' ? ' ▲' : ' ▼') : ''}
                    </button>
                  </th>
                ))}
                <th scope="col">Done per day{span && <span className="muted"> ({span})</span>}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((a) => {
                const series = throughputSeries(a, days);
                const total = series.reduce((sum, n) => sum + n, 0);
                return (
                  <tr key={a.userId}>
                    <th scope="row">{a.displayName}</th>
                    <td>
                      {a.itemsDone} / {a.itemsAssigned}
                    </td>
                    <td>{formatNumber(a.meanAgreement)}</td>
                    <td>{formatNumber(a.medianMinutesPerItem, 1)}</td>
                    <td>
                      {days.length > 0 && (
                        <Sparkline
                          values={series}
                          label={`${a.displayName}: ${total} done over ${days.length} days, at most ${Math.max(...series)} a day`}
                        />
                      )}{' '}
                      {total}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <BarChart
            title="Mean agreement with the other readers, per annotator"
            max={1}
            data={rows.map((a) => ({
              key: a.userId,
              name: a.displayName,
              value: a.meanAgreement,
              text: formatNumber(a.meanAgreement),
            }))}
          />
        </>
      )}
    </section>
  );
}
