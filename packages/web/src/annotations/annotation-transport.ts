import type { AnnotationPayload } from '@voxelhub/core/annotation';
import type { ApiClient } from '../api/api-client.js';
import type { AnnotationHead, AnnotationTarget } from './annotation-head.js';

export interface CreateAnnotationInput extends AnnotationTarget {
  /** The client's own id (a UUID): the server makes a resent create idempotent by it. */
  readonly id?: string;
  readonly labelId: string;
  readonly payload: AnnotationPayload;
}

export interface UpdateAnnotationInput {
  readonly baseRevision: number;
  readonly labelId: string;
  readonly payload: AnnotationPayload;
}

/**
 * The annotation routes the save engine calls. Injected, so that tests run the engine against a fake
 * server that keeps revisions and answers 409 as the real one does. Failures throw ApiRequestError
 * (status 0 for the network, 409 with `details.current` for a stale base).
 */
export interface AnnotationTransport {
  create(input: CreateAnnotationInput): Promise<AnnotationHead>;
  update(id: string, input: UpdateAnnotationInput): Promise<AnnotationHead>;
  remove(id: string, baseRevision: number): Promise<void>;
  /** Makes `revision`'s payload the new head; also undeletes. */
  restore(id: string, revision: number, baseRevision: number): Promise<AnnotationHead>;
}

/** The transport over the REST API of one project (CSRF and cookies are the client's business). */
export function createApiTransport(client: ApiClient, projectId: string): AnnotationTransport {
  const base = `/api/projects/${encodeURIComponent(projectId)}/annotations`;
  const one = (id: string) => `${base}/${encodeURIComponent(id)}`;
  return {
    async create(input) {
      return (await client.request<{ annotation: AnnotationHead }>('POST', base, input)).annotation;
    },
    async update(id, input) {
      return (await client.request<{ annotation: AnnotationHead }>('PUT', one(id), input)).annotation;
    },
    async remove(id, baseRevision) {
      await client.request<void>('DELETE', `${one(id)}?baseRevision=${baseRevision}`);
    },
    async restore(id, revision, baseRevision) {
      const body = { revision, baseRevision };
      return (await client.request<{ annotation: AnnotationHead }>('POST', `${one(id)}/restore`, body))
        .annotation;
    },
  };
}
