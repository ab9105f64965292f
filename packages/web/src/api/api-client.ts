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

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }

  post<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('POST', path, body);
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET' && method !== 'HEAD' && this.#csrfToken)
      headers['x-voxelhub-csrf'] = this.#csrfToken;
    let response: Response;
    try {
      response = await fetch(path, {
        method,
        headers,
        credentials: 'same-origin',
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    } catch (cause) {
      throw new ApiRequestError(
        0,
        'NETWORK',
        `${method} ${path}: the server cannot be reached (${String(cause)})`,
      );
    }
    if (!response.ok) throw await apiErrorOf(response);
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  }
}

/** The app's one client: the CSRF token belongs to the page's session, so one holder is right. */
export const api = new ApiClient();
