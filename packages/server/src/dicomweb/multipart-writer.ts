import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';

/**
 * A multipart/related body (RFC 2387), as WADO-RS answers with, streamed part by part: each part's bytes
 * come from a function called only when the previous part is sent, so a study streams file by file.
 */
export interface Part {
  readonly contentType: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body: () => Promise<Uint8Array | AsyncIterable<Uint8Array>>;
}

export interface MultipartBody {
  readonly boundary: string;
  readonly stream: Readable;
}

export function multipartRelated(parts: Iterable<Part> | AsyncIterable<Part>): MultipartBody {
  const boundary = `voxelhub-${randomBytes(12).toString('hex')}`;
  async function* generate(): AsyncGenerator<Uint8Array> {
    for await (const part of parts) {
      const headers = Object.entries({ 'Content-Type': part.contentType, ...part.headers })
        .map(([name, value]) => `${name}: ${value}\r\n`)
        .join('');
      yield Buffer.from(`--${boundary}\r\n${headers}\r\n`, 'latin1');
      const body = await part.body();
      if (body instanceof Uint8Array) yield body;
      else for await (const chunk of body) yield chunk;
      yield Buffer.from('\r\n', 'latin1');
    }
    yield Buffer.from(`--${boundary}--\r\n`, 'latin1');
  }
  return { boundary, stream: Readable.from(generate(), { objectMode: false }) };
}

/** The Content-Type of a multipart/related answer whose parts are `type`. */
export function multipartContentType(boundary: string, type: string, extra = ''): string {
  return `multipart/related; type="${type}"; boundary=${boundary}${extra}`;
}
