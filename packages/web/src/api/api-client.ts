import { ApiRequestError, apiErrorOf } from './api-error.js';

/**
 * Calls the REST API with the session cookie (same origin). The CSRF token that login and /me answer
 * with lives only in memory here, never in storage a script could read later; it goes with every
 * change (POST, PUT, PATCH, DELETE) as X-Voxelhub-CSRF.
 */
export class ApiClient {
  #csrfToken: string | null = null;

  setCsrfToken(token: string | null): void {
    this.#csrfToken = token;
  }

  /** What a change sent outside this client needs (an XMLHttpRequest upload, for its progress events). */
  changeHeaders(): Record<string, string> {
    return this.#csrfToken ? { 'x-voxelhub-csrf': this.#csrfToken } : {};
  }

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }

  post<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('POST', path, body);
  }

  /**
   * A JSON request; a Uint8Array body goes as raw bytes (application/octet-stream), e.g. a blob upload,
   * and a Blob as its bytes with its own type (an uploaded image).
   */
  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await this.#send(method, path, body, 'application/json');
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  }

  /** A binary answer (an annotation blob), whole. */
  async getBytes(path: string): Promise<Uint8Array> {
    const response = await this.#send('GET', path, undefined, 'application/octet-stream');
    return new Uint8Array(await response.arrayBuffer());
  }

  async #send(method: string, path: string, body: unknown, accept: string): Promise<Response> {
    const headers: Record<string, string> = { accept };
    const raw = body instanceof Uint8Array;
    // A Blob (a file the user chose) goes as its bytes, with its own media type.
    const file = body instanceof Blob;
    // FormData (a multipart upload) sets its own content-type with the boundary.
    const form = body instanceof FormData;
    if (body !== undefined && !form)
      headers['content-type'] = file ? body.type : raw ? 'application/octet-stream' : 'application/json';
    if (method !== 'GET' && method !== 'HEAD' && this.#csrfToken)
      headers['x-voxelhub-csrf'] = this.#csrfToken;
    let response: Response;
    try {
      response = await fetch(path, {
        method,
        headers,
        credentials: 'same-origin',
        ...(body !== undefined
          ? {
              body: file || form ? body : raw ? (body as Uint8Array<ArrayBuffer>) : JSON.stringify(body),
            }
          : {}),
      });
    } catch (cause) {
      throw new ApiRequestError(
        0,
        'NETWORK',
        `${method} ${path}: the server cannot be reached (${String(cause)})`,
      );
    }
    if (!response.ok) throw await apiErrorOf(response);
    return response;
  }
}

/** The app's one client: the CSRF token belongs to the page's session, so one holder is right. */
export const api = new ApiClient();
