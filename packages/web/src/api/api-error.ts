/** An error answer of the API, `{error:{code,message,details?}}`, or a network failure (status 0). */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

interface ErrorBody {
  readonly error?: { readonly code?: string; readonly message?: string; readonly details?: unknown };
}

/** Reads an error response into an ApiRequestError, whatever its body turns out to be. */
export async function apiErrorOf(response: Response): Promise<ApiRequestError> {
  const text = await response.text();
  let body: ErrorBody = {};
  try {
    body = JSON.parse(text) as ErrorBody;
  } catch {
    // A proxy's HTML page or an empty body: the status line is all there is to say.
  }
  const code = body.error?.code ?? `HTTP_${response.status}`;
  const message = body.error?.message ?? (text.slice(0, 200) || response.statusText);
  return new ApiRequestError(response.status, code, message, body.error?.details);
}
