import { Link } from '../app/Link.js';
import { reviewPathOf, viewerPathOf } from './item-links.js';
import type { QualityItem } from './quality-api.js';
import { itemTitle, queueRow } from './review-queue.js';

/** The items with the lowest agreement, each with a link to its review screen and to the viewer. */
export function WorstItemsList(props: {
  readonly projectId: string;
  readonly items: readonly QualityItem[];
}) {
  return (
    <section aria-labelledby="quality-worst">
      <h2 id="quality-worst">Worst items</h2>
      {props.items.length === 0 ? (
        <p className="muted">No items computed yet.</p>
      ) : (
        <table className="grid-table quality-table">
          <thead>
            <tr>
              <th scope="col">Item</th>
              <th scope="col">Status</th>
              <th scope="col">Score</th>
              <th scope="col">Below threshold</th>
              <th scope="col">Open</th>
            </tr>
          </thead>
          <tbody>
            {props.items.map((item) => {
              const row = queueRow(item);
              const viewer = viewerPathOf(props.projectId, item);
              return (
                <tr key={item.id}>
                  <th scope="row">{itemTitle(item)}</th>
                  <td>
                    <span className={`item-status item-${item.status}`}>{item.status.replace('_', ' ')}</span>
                  </td>
                  <td title="Lowest score relative to its threshold (1 = at the threshold)">
                    {row.worstText}
                  </td>
                  <td>{row.failing.join('; ') || <span className="muted">none</span>}</td>
                  <td>
                    <Link to={reviewPathOf(props.projectId, item.id)}>Review</Link>
                    {viewer && (
                      <>
                        {' · '}
                        <Link to={viewer}>Viewer</Link>
                      </>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
