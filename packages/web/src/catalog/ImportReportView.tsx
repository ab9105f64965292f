import { type DatasetImportReport, reportSummary } from './dataset-import-report.js';

/**
 * The report of a finished import: images, labels made, annotations per label, images held for review, and
 * the failed and skipped files with why.
 */
export function ImportReportView({ report }: { readonly report: DatasetImportReport }) {
  return (
    <section className="import-report" aria-label="Import report">
      <p>{reportSummary(report)}.</p>
      {report.labels.created.length > 0 && <p>Labels created: {report.labels.created.join(', ')}.</p>}
      {report.labels.existing.length > 0 && (
        <p>Labels the project had already, used as they are: {report.labels.existing.join(', ')}.</p>
      )}
      {report.images.held > 0 && (
        <p>
          {report.images.held === 1 ? '1 image waits' : `${report.images.held} images wait`} for privacy
          review on the project page (possible burned-in text); their annotations wait with them.
        </p>
      )}
      {report.annotations.length > 0 && (
        <table>
          <caption>Annotations created per label</caption>
          <thead>
            <tr>
              <th scope="col">Label</th>
              <th scope="col">Annotations</th>
            </tr>
          </thead>
          <tbody>
            {report.annotations.map((row) => (
              <tr key={row.label}>
                <th scope="row">{row.label}</th>
                <td>{row.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <NamedReasons caption="Failed" rows={report.failures} />
      <NamedReasons caption="Skipped" rows={report.skipped} />
    </section>
  );
}

function NamedReasons(props: {
  readonly caption: string;
  readonly rows: readonly { readonly name: string; readonly reason: string }[];
}) {
  if (props.rows.length === 0) return null;
  return (
    <table>
      <caption>
        {props.caption} ({props.rows.length})
      </caption>
      <thead>
        <tr>
          <th scope="col">File</th>
          <th scope="col">Why</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((row, i) => (
          // One file may be named twice (an image and its label): the index tells the rows apart.
          // biome-ignore lint/suspicious/noArrayIndexKey: the list is shown once and never reordered.
          <tr key={i}>
            <td>{row.name}</td>
            <td>{row.reason}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
