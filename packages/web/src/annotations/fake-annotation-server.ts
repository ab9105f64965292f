import { type AnnotationPayload, parseAnnotationPayload } from '@voxelhub/core/annotation';
import { ApiRequestError } from '../api/api-error.js';
import type { AnnotationHead } from './annotation-head.js';
import type {
  AnnotationTransport,
  CreateAnnotationInput,
  UpdateAnnotationInput,
} from './annotation-transport.js';

interface StoredRevision {
  readonly labelId: string;
  readonly payload: AnnotationPayload;
  readonly deleted: boolean;
  readonly authorId: string;
}

interface StoredAnnotation {
  readonly id: string;
  readonly imageId: string | null;
  readonly seriesId: string | null;
  readonly taskId: string | null;
  readonly revisions: StoredRevision[];
}

export interface RequestLogEntry {
  readonly method: 'create' | 'update' | 'remove' | 'restore';
  readonly id: string | null;
  readonly baseRevision: number | null;
  /** What became of it: the revision it wrote, or the error status. */
  readonly outcome: number | `error ${number}`;
  /** Applied, but the client never heard so. */
  readonly replyLost?: boolean;
}

/**
 * An in-memory annotation server for tests of the save engine, with the real one's rules
 * (docs/server.md): revisions counted from 1, every change names its baseRevision and a stale one gets
 * 409 with `details.current`; editing or deleting a deleted head is a 409 too; restore brings an old
 * revision's payload back as a new head. Payloads are checked by core's parseAnnotationPayload.
 * `offline`, `failNext` and `loseNextReply` simulate a flaky network; `latencyMs` delays every answer.
 */
export class FakeAnnotationServer {
  readonly #annotations = new Map<string, StoredAnnotation>();
  readonly log: RequestLogEntry[] = [];
  #nextId = 1;
  offline = false;
  latencyMs = 20;
  #failures: number[] = [];
  #loseReplies = 0;

  /** The next `count` requests fail with `status` (0: network) before reaching the data. */
  failNext(count: number, status = 503): void {
    for (let i = 0; i < count; i++) this.#failures.push(status);
  }

  /** The next `count` requests are applied, but their answer is lost (a network failure on the way back). */
  loseNextReply(count = 1): void {
    this.#loseReplies += count;
  }

  /** A client of this server acting as `authorId` (two clients model two users on one annotation). */
  transport(authorId = 'user-1'): AnnotationTransport {
    return {
      create: (input) => this.#answer('create', null, null, () => this.#create(input, authorId)),
      update: (id, input) =>
        this.#answer('update', id, input.baseRevision, () => this.#update(id, input, authorId)),
      remove: async (id, baseRevision) => {
        await this.#answer('remove', id, baseRevision, () => this.#remove(id, baseRevision, authorId));
      },
      restore: (id, revision, baseRevision) =>
        this.#answer('restore', id, baseRevision, () => this.#restore(id, revision, baseRevision, authorId)),
    };
  }

  head(id: string): AnnotationHead | undefined {
    const stored = this.#annotations.get(id);
    return stored && this.#headOf(stored);
  }

  heads(): AnnotationHead[] {
    return [...this.#annotations.values()].map((a) => this.#headOf(a));
  }

  revisions(id: string): readonly StoredRevision[] {
    return this.#annotations.get(id)?.revisions ?? [];
  }

  async #answer<T extends { revision: number }>(
    method: RequestLogEntry['method'],
    id: string | null,
    baseRevision: number | null,
    apply: () => T,
  ): Promise<T> {
    await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
    const log = (outcome: RequestLogEntry['outcome']) => this.log.push({ method, id, baseRevision, outcome });
    if (this.offline) {
      log('error 0');
      throw new ApiRequestError(0, 'NETWORK', `${method}: the server cannot be reached`);
    }
    const status = this.#failures.shift();
    if (status !== undefined) {
      log(`error ${status}`);
      throw new ApiRequestError(status, status === 0 ? 'NETWORK' : `HTTP_${status}`, 'injected failure');
    }
    let result: T;
    try {
      result = apply();
    } catch (error) {
      log(`error ${error instanceof ApiRequestError ? error.status : 500}`);
      throw error;
    }
    if (this.#loseReplies > 0) {
      this.#loseReplies--;
      this.log.push({ method, id, baseRevision, outcome: result.revision, replyLost: true });
      throw new ApiRequestError(0, 'NETWORK', `${method}: the connection dropped before the answer`);
    }
    log(result.revision);
    return structuredClone(result);
  }

  #create(input: CreateAnnotationInput, authorId: string): AnnotationHead {
    if ((input.imageId === undefined) === (input.seriesId === undefined)) {
      throw new ApiRequestError(400, 'VALIDATION', 'give imageId or seriesId, not both');
    }
    if (input.id !== undefined) {
      const earlier = this.#annotations.get(input.id);
      // As the server: a resent create answers with what the first made; anyone else's id is taken.
      if (earlier && earlier.revisions[0]?.authorId === authorId) return this.#headOf(earlier);
      if (earlier) throw new ApiRequestError(409, 'CONFLICT', `the annotation id ${input.id} is taken`);
    }
    const id = input.id ?? `00000000-0000-4000-8000-${String(this.#nextId++).padStart(12, '0')}`;
    const stored: StoredAnnotation = {
      id,
      imageId: input.imageId ?? null,
      seriesId: input.seriesId ?? null,
      taskId: input.taskId ?? null,
      revisions: [],
    };
    this.#annotations.set(id, stored);
    return this.#append(stored, {
      labelId: input.labelId,
      payload: this.#parse(input.payload, input.labelId),
      deleted: false,
      authorId,
    });
  }

  #update(id: string, input: UpdateAnnotationInput, authorId: string): AnnotationHead {
    const stored = this.#editable(id, input.baseRevision, 'restore it before editing');
    const revision = {
      labelId: input.labelId,
      payload: this.#parse(input.payload, input.labelId),
      deleted: false,
      authorId,
    };
    return this.#append(stored, revision);
  }

  #remove(id: string, baseRevision: number, authorId: string): AnnotationHead {
    const stored = this.#editable(id, baseRevision, 'it is already deleted');
    return this.#append(stored, { ...stored.revisions.at(-1)!, deleted: true, authorId });
  }

  #restore(id: string, revision: number, baseRevision: number, authorId: string): AnnotationHead {
    const stored = this.#found(id);
    this.#checkBase(stored, baseRevision);
    const old = stored.revisions[revision - 1];
    if (!old)
      throw new ApiRequestError(400, 'INVALID_REFERENCE', `annotation ${id} has no revision ${revision}`);
    return this.#append(stored, { ...old, deleted: false, authorId });
  }

  #editable(id: string, baseRevision: number, whyNotDeleted: string): StoredAnnotation {
    const stored = this.#found(id);
    this.#checkBase(stored, baseRevision);
    if (stored.revisions.at(-1)!.deleted) {
      throw new ApiRequestError(409, 'CONFLICT', `annotation ${id} is deleted: ${whyNotDeleted}`, {
        current: this.#headOf(stored),
      });
    }
    return stored;
  }

  #found(id: string): StoredAnnotation {
    const stored = this.#annotations.get(id);
    if (!stored) throw new ApiRequestError(404, 'NOT_FOUND', `no annotation ${id} in this project`);
    return stored;
  }

  #checkBase(stored: StoredAnnotation, baseRevision: number): void {
    if (baseRevision === stored.revisions.length) return;
    throw new ApiRequestError(
      409,
      'CONFLICT',
      `annotation ${stored.id} was changed since revision ${baseRevision}`,
      {
        current: this.#headOf(stored),
      },
    );
  }

  /** Core's check, then the label rule of annotation-target.ts: the payload names the annotation's label. */
  #parse(payload: AnnotationPayload, labelId: string): AnnotationPayload {
    let parsed: AnnotationPayload;
    try {
      parsed = parseAnnotationPayload(structuredClone(payload));
    } catch (error) {
      throw new ApiRequestError(400, 'INVALID_PAYLOAD', String(error));
    }
    if (parsed.labelId !== labelId) {
      throw new ApiRequestError(
        400,
        'INVALID_REFERENCE',
        `the payload names label ${parsed.labelId}, not ${labelId}`,
      );
    }
    return parsed;
  }

  #append(stored: StoredAnnotation, revision: StoredRevision): AnnotationHead {
    stored.revisions.push(revision);
    return this.#headOf(stored);
  }

  #headOf(stored: StoredAnnotation): AnnotationHead {
    const head = stored.revisions.at(-1)!;
    return structuredClone({
      id: stored.id,
      labelId: head.labelId,
      imageId: stored.imageId,
      seriesId: stored.seriesId,
      taskId: stored.taskId,
      revision: stored.revisions.length,
      authorId: head.authorId,
      updatedAt: new Date(0).toISOString(),
      deleted: head.deleted,
      payload: head.payload,
    });
  }
}
