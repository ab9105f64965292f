import type { ReactNode } from 'react';
import type { Loaded } from '../api/use-api-get.js';

/** Shows a loading line or the error of a request, else the content made from its data. */
export function LoadState<T>(props: {
  readonly loaded: Loaded<T>;
  readonly children: (data: T) => ReactNode;
}) {
  const { loaded } = props;
  if (loaded.status === 'loading') return <p className="muted">Loading…</p>;
  if (loaded.status === 'failed')
    return (
      <p className="error" role="alert">
        {loaded.message}
      </p>
    );
  return <>{props.children(loaded.data)}</>;
}
