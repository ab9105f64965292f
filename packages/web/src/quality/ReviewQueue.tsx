import { useEffect, useRef, useState } from 'react';
import { useApiGet } from '../api/use-api-get.js';
import { Link } from '../app/Link.js';
import { LoadState } from '../app/LoadState.js';
import { navigate } from '../app/navigation.js';
import { pathOf } from '../app/routes.js';
import { reviewPathOf, viewerPathOf } from './item-links.js';
import { itemListPath, type QualityItem } from './quality-api.js';
import { moveIndex, queueActionOf } from './review-keys.js';
import { itemTitle, queueRow, sortWorstFirst } from './review-queue.js';
import { isActivatable, useWindowKeys } from './use-window-keys.js';
import './quality.css';

/** How many disputed items one page asks for; the total says when there are more. */
const PAGE = 100;

/** `/projects/:projectId/quality/review`: the disputed items, worst first. J/K move, Enter opens. */
export function ReviewQueue(props: { readonly projectId: string }) {
  const list = useApiGet<{ items: QualityItem[]; total: number }>(
    itemListPath(props.projectId, { status: 'disputed', limit: PAGE }),
  );
  return (
    <main className="page quality-page">
      <p>
        <Link to={pathOf({ name: 'quality', projectId: props.projectId })}>← Quality</Link>
      </p>
      <h1>Review queue</h1>
      <LoadState loaded={list}>
        {({ items, total }) =>
          items.length === 0 ? (
            <p className="muted">No disputed items: every computed item agrees within its thresholds.</p>
          ) : (
            <QueueList projectId={props.projectId} items={sortWorstFirst(items)} total={total} />
          )
        }
      </LoadState>
    </main>
  );
}

function QueueList(props: {
  readonly projectId: string;
  readonly items: readonly QualityItem[];
  readonly total: number;
}) {
  const [index, setIndex] = useState(0);
  const selectedRow = useRef<HTMLLIElement>(null);
  const open = (item: QualityItem | undefined) => item && navigate(reviewPathOf(props.projectId, item.id));
  useWindowKeys((event) => {
    const action = queueActionOf(event);
    if (!action) return false;
    if (action.kind === 'move') setIndex((i) => moveIndex(i, props.items.length, action.step));
    else if (isActivatable(event.target)) return false;
    else open(props.items[index]);
    return true;
  });
  useEffect(() => {
    void index;
    selectedRow.current?.scrollIntoView({ block: 'nearest' });
  }, [index]);
  return (
    <>
      <p className="meta">
        {props.items.length < props.total
          ? `The ${props.items.length} worst of ${props.total} disputed items.`
          : `${props.total} disputed ${props.total === 1 ? 'item' : 'items'}, worst first.`}{' '}
        Keys: <kbd>J</kbd> <kbd>K</kbd> move, <kbd>Enter</kbd> opens.
      </p>
      <ol className="review-queue" aria-label="Disputed items">
        {props.items.map((item, i) => {
          const row = queueRow(item);
          const viewer = viewerPathOf(props.projectId, item);
          return (
            <li
              key={item.id}
              ref={i === index ? selectedRow : undefined}
              className={i === index ? 'queue-item selected' : 'queue-item'}
              aria-current={i === index ? 'true' : undefined}
            >
              <div className="queue-head">
                <Link to={reviewPathOf(props.projectId, item.id)}>{itemTitle(item)}</Link>
                <span className="muted" title="Lowest score relative to its threshold (1 = at the threshold)">
                  score {row.worstText}
                </span>
                {viewer && <Link to={viewer}>Viewer</Link>}
              </div>
              <ul className="plain failing-labels">
                {row.failing.map((text) => (
                  <li key={text}>{text}</li>
                ))}
              </ul>
              <p className="meta">Readers: {row.readers}</p>
            </li>
          );
        })}
      </ol>
    </>
  );
}
