import type { ReactNode } from 'react';
import { followLink } from './navigation.js';

/** An ordinary link (focusable, opens in a new tab on ctrl-click) that navigates without a reload. */
export function Link(props: {
  readonly to: string;
  readonly className?: string;
  readonly children: ReactNode;
}) {
  return (
    <a href={props.to} className={props.className} onClick={followLink}>
      {props.children}
    </a>
  );
}
