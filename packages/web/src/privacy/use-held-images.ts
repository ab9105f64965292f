import { useCallback, useEffect, useState } from 'react';
import { api } from '../api/api-client.js';
import type { Loaded } from '../api/use-api-get.js';
import type { HeldImage } from './privacy-types.js';

export interface HeldImages {
  readonly loaded: Loaded<readonly HeldImage[]>;
  /** Asks the server again; the current list stays on screen meanwhile. */
  refresh(): void;
  /** Drops an image the reviewer accepted or rejected, without asking the server. */
  remove(heldId: string): void;
}

/**
 * The project's images held for review of burned-in text. Only reviewers (managers and owners) may list
 * them: for anyone else nothing is asked and the list stays empty.
 */
export function useHeldImages(projectId: string, mayReview: boolean): HeldImages {
  const [loaded, setLoaded] = useState<Loaded<readonly HeldImage[]>>(
    mayReview ? { status: 'loading' } : { status: 'ready', data: [] },
  );
  const [version, setVersion] = useState(0);
  useEffect(() => {
    if (!mayReview) return;
    let current = true;
    void version; // each refresh asks again
    api.get<{ heldImages: HeldImage[] }>(`/api/projects/${encodeURIComponent(projectId)}/held-images`).then(
      ({ heldImages }) => current && setLoaded({ status: 'ready', data: heldImages }),
      (error: unknown) =>
        current &&
        setLoaded({ status: 'failed', message: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      current = false;
    };
  }, [projectId, mayReview, version]);
  const refresh = useCallback(() => setVersion((v) => v + 1), []);
  const remove = useCallback(
    (heldId: string) =>
      setLoaded((state) =>
        state.status === 'ready'
          ? { status: 'ready', data: state.data.filter((h) => h.id !== heldId) }
          : state,
      ),
    [],
  );
  return { loaded, refresh, remove };
}

/** How many images wait, once known. */
export function heldCount(held: HeldImages): number {
  return held.loaded.status === 'ready' ? held.loaded.data.length : 0;
}
