import { useEffect, useState } from 'react';
import { api } from '../api/api-client.js';
import type { Loaded } from '../api/use-api-get.js';
import { loadSendSources, type SendSources } from './send-sources.js';

/** The send form's images and existing items, loaded again whenever `version` changes. */
export function useSendSources(projectId: string, version: number): Loaded<SendSources> {
  const [state, setState] = useState<Loaded<SendSources>>({ status: 'loading' });
  useEffect(() => {
    let current = true;
    // A reload keeps the list on screen (no "Loading…" flash after a send); a late answer is dropped.
    if (version === 0) setState({ status: 'loading' });
    loadSendSources(api, projectId).then(
      (data) => current && setState({ status: 'ready', data }),
      (error: unknown) =>
        current &&
        setState({ status: 'failed', message: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      current = false;
    };
  }, [projectId, version]);
  return state;
}
