/**
 * A streaming reader of multipart/related bodies (RFC 2387 over RFC 2046's multipart syntax), as WADO-RS
 * answers: parts are yielded as soon as their closing delimiter arrives, so a many-instance answer is never
 * held whole; one part is held whole, being one DICOM instance. Preamble, epilogue and transport padding
 * after a delimiter are ignored, as RFC 2046 says.
 */

export interface RelatedPart {
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Uint8Array;
}

export class MultipartError extends Error {
  override readonly name = 'MultipartError';
}

/** The boundary parameter of a multipart Content-Type, unquoted; undefined when it is not multipart. */
export function multipartBoundary(contentType: string | null | undefined): string | undefined {
  if (!contentType || !/^\s*multipart\//i.test(contentType)) return undefined;
  const match = /;\s*boundary\s*=\s*(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match?.[1] ?? match?.[2];
}

export async function* readMultipartRelated(
  chunks: AsyncIterable<Uint8Array>,
  boundary: string,
  maxPartBytes: number,
): AsyncGenerator<RelatedPart> {
  // A CRLF in front lets the first delimiter, which may open the body, match like the others.
  const buffer = new GrowingBuffer(Buffer.from('\r\n'));
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  let inPart = false;
  let searchFrom = 0;
  for await (const chunk of chunks) {
    buffer.append(chunk);
    for (;;) {
      const view = buffer.view();
      const at = view.indexOf(delimiter, searchFrom);
      if (at < 0) {
        if (inPart && view.length > maxPartBytes + delimiter.length)
          throw new MultipartError(`a part is larger than ${maxPartBytes} bytes`);
        searchFrom = Math.max(0, view.length - delimiter.length + 1);
        break;
      }
      const lineEnd = view.indexOf('\r\n', at + delimiter.length);
      const closing =
        view.subarray(at + delimiter.length, at + delimiter.length + 2).toString('latin1') === '--';
      if (!closing && lineEnd < 0) {
        // The rest of the delimiter line has not arrived yet.
        searchFrom = at;
        break;
      }
      if (inPart) yield parsePart(view.subarray(0, at));
      if (closing) return;
      buffer.consume(lineEnd + 2);
      inPart = true;
      searchFrom = 0;
    }
  }
  throw new MultipartError('the multipart body ended before its closing delimiter');
}

function parsePart(bytes: Buffer): RelatedPart {
  const end = bytes.indexOf('\r\n\r\n');
  // A part may have no headers at all: then its body starts right after the delimiter line.
  const [head, body] =
    bytes.subarray(0, 2).toString('latin1') === '\r\n'
      ? ['', bytes.subarray(2)]
      : end < 0
        ? [undefined, undefined]
        : [bytes.subarray(0, end).toString('latin1'), bytes.subarray(end + 4)];
  if (head === undefined || body === undefined) throw new MultipartError('a part has no end to its headers');
  const headers: Record<string, string> = {};
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  // A copy: the reader's buffer is reused for the next part.
  return { headers, body: new Uint8Array(body) };
}

/** Bytes appended at the end and consumed from the front, growing by doubling (no copy per chunk). */
class GrowingBuffer {
  private data: Buffer;
  private start = 0;
  private end: number;

  constructor(initial: Buffer) {
    this.data = Buffer.alloc(Math.max(64 * 1024, initial.length));
    initial.copy(this.data);
    this.end = initial.length;
  }

  append(chunk: Uint8Array): void {
    if (this.end + chunk.length > this.data.length) {
      const live = this.end - this.start;
      const next = Buffer.alloc(Math.max(this.data.length, (live + chunk.length) * 2));
      this.data.copy(next, 0, this.start, this.end);
      this.data = next;
      this.start = 0;
      this.end = live;
    }
    this.data.set(chunk, this.end);
    this.end += chunk.length;
  }

  view(): Buffer {
    return this.data.subarray(this.start, this.end);
  }

  consume(bytes: number): void {
    this.start += bytes;
  }
}
