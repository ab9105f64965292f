import { api } from '../api/api-client.js';
import { ApiRequestError, apiErrorOf } from '../api/api-error.js';

/**
 * POSTs a multipart form with XMLHttpRequest, whose upload events give the bytes sent (fetch has no
 * upload progress, and Chromium streams request bodies only over HTTP/2). The File parts are read from
 * disk as they are sent. Resolves with the JSON answer; rejects with an ApiRequestError (status 0 for a
 * network failure or an abort, as the API client does).
 */
export function uploadWithProgress<T>(
  url: string,
  form: FormData,
  onProgress: (sent: number, total: number) => void,
  signal?: AbortSignal,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', url);
    request.setRequestHeader('accept', 'application/json');
    for (const [name, value] of Object.entries(api.changeHeaders())) request.setRequestHeader(name, value);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded, event.total);
    };
    request.onload = () => {
      if (request.status >= 200 && request.status < 300) {
        try {
          resolve(JSON.parse(request.responseText) as T);
        } catch {
          reject(new ApiRequestError(request.status, 'BAD_ANSWER', `POST ${url}: the answer is not JSON`));
        }
        return;
      }
      const answer = new Response(request.responseText, {
        status: request.status,
        statusText: request.statusText,
      });
      void apiErrorOf(answer).then(reject);
    };
    request.onerror = () =>
      reject(new ApiRequestError(0, 'NETWORK', `POST ${url}: the connection broke during the upload`));
    request.onabort = () => reject(new ApiRequestError(0, 'ABORTED', 'the upload was cancelled'));
    signal?.addEventListener('abort', () => request.abort(), { once: true });
    request.send(form);
  });
}
