import { ApiError } from '../errors/api-error.js';

/**
 * A streaming reader of multipart/related bodies (RFC 2387 over RFC 2046 multipart syntax), for STOW-RS.
 * It yields one part at a time as its closing delimiter arrives, so a request of many instances is never
 * held whole in memory; only the part being read is, up to `maxPartBytes`. A small parser rather than a
 * library: @fastify/multipart and busboy read multipart/form-data only.
 */

export interface ReadPart {
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

export interface MultipartOptions {
  readonly boundary: string;
  /** Refuse (PAYLOAD_TOO_LARGE) a part larger than this. */
  readonly maxPartBytes?: number;
  /** Refuse (PAYLOAD_TOO_LARGE) a body larger than this. */
  readonly maxTotalBytes?: number;
}

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');
const MAX_HEADER_BYTES = 16 * 1024;

export async function* readMultipart(
  source: AsyncIterable<Uint8Array>,
  options: MultipartOptions,
): AsyncGenerator<ReadPart> {
  const parser = new MultipartParser(options);
  const maxTotal = options.maxTotalBytes ?? Number.POSITIVE_INFINITY;
  let total = 0;
  for await (const chunk of source) {
    total += chunk.length;
    if (total > maxTotal)
      throw new ApiError(
        'PAYLOAD_TOO_LARGE',
        `the request is larger than the ${maxTotal} bytes the server accepts`,
      );
    yield* parser.push(chunk);
    if (parser.done) return;
  }
  throw invalid('the multipart body ends before its closing delimiter');
}

type State = 'preamble' | 'after-delimiter' | 'headers' | 'body' | 'done';

/** The parser's state between chunks; each step consumes what it can of `pending` and says whether to go on. */
class MultipartParser {
  private readonly first: Buffer;
  private readonly delimiter: Buffer;
  private readonly maxPartBytes: number;
  private pending = Buffer.alloc(0);
  private state: State = 'preamble';
  private headers: Record<string, string> = {};
  private bodyChunks: Buffer[] = [];
  private bodySize = 0;

  constructor({ boundary, maxPartBytes = Number.POSITIVE_INFINITY }: MultipartOptions) {
    // The first delimiter may open the body without a CRLF in front; later ones always follow one.
    this.first = Buffer.from(`--${boundary}`);
    this.delimiter = Buffer.from(`\r\n--${boundary}`);
    this.maxPartBytes = maxPartBytes;
  }

  get done(): boolean {
    return this.state === 'done';
  }

  *push(chunk: Uint8Array): Generator<ReadPart> {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : Buffer.from(chunk);
    for (;;) {
      if (this.state === 'body') {
        const part = this.readBody();
        if (!part) return;
        yield part;
        continue;
      }
      const progressed =
        this.state === 'preamble'
          ? this.skipPreamble()
          : this.state === 'after-delimiter'
            ? this.afterDelimiter()
            : this.state === 'headers' && this.readHeaders();
      if (!progressed || this.done) return;
    }
  }

  private skipPreamble(): boolean {
    const at = this.pending.indexOf(this.first);
    if (at < 0) {
      this.pending = this.pending.subarray(Math.max(0, this.pending.length - this.first.length));
      return false;
    }
    this.pending = this.pending.subarray(at + this.first.length);
    this.state = 'after-delimiter';
    return true;
  }

  private afterDelimiter(): boolean {
    if (this.pending.length < 2) return false;
    if (this.pending[0] === 0x2d && this.pending[1] === 0x2d) {
      this.state = 'done';
      return true;
    }
    // Transport padding (spaces, tabs) may follow a delimiter before its CRLF.
    const end = this.pending.indexOf(CRLF);
    if (end < 0) return false;
    this.pending = this.pending.subarray(end + 2);
    this.state = 'headers';
    return true;
  }

  private readHeaders(): boolean {
    if (this.pending.length >= 2 && this.pending[0] === 0x0d && this.pending[1] === 0x0a) {
      // No headers: the part starts right after the delimiter's CRLF with a second CRLF.
      this.headers = {};
      this.pending = this.pending.subarray(2);
    } else {
      const end = this.pending.indexOf(HEADER_END);
      if (end < 0) {
        if (this.pending.length > MAX_HEADER_BYTES) throw invalid('a part has more than 16 KiB of headers');
        return false;
      }
      this.headers = parseHeaders(this.pending.subarray(0, end).toString('latin1'));
      this.pending = this.pending.subarray(end + 4);
    }
    this.state = 'body';
    this.bodyChunks = [];
    this.bodySize = 0;
    return true;
  }

  /** The part, once its closing delimiter has arrived; until then, body bytes are set aside. */
  private readBody(): ReadPart | undefined {
    const end = this.pending.indexOf(this.delimiter);
    if (end < 0) {
      // Keep enough to find a delimiter that straddles chunks; the rest is body.
      const keep = this.delimiter.length - 1;
      if (this.pending.length > keep) {
        this.take(this.pending.subarray(0, this.pending.length - keep));
        this.pending = this.pending.subarray(this.pending.length - keep);
      }
      return undefined;
    }
    this.take(this.pending.subarray(0, end));
    this.pending = this.pending.subarray(end + this.delimiter.length);
    this.state = 'after-delimiter';
    const body = this.bodyChunks.length === 1 ? this.bodyChunks[0]! : Buffer.concat(this.bodyChunks);
    this.bodyChunks = [];
    return { headers: this.headers, body };
  }

  private take(bytes: Buffer): void {
    this.bodySize += bytes.length;
    if (this.bodySize > this.maxPartBytes)
      throw new ApiError(
        'PAYLOAD_TOO_LARGE',
        `a part is larger than the ${this.maxPartBytes} bytes the server accepts`,
      );
    // A copy: `pending` is a view of a buffer that later chunks replace.
    this.bodyChunks.push(Buffer.from(bytes));
  }
}

function parseHeaders(text: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of text.split('\r\n')) {
    const at = line.indexOf(':');
    if (at > 0) headers[line.slice(0, at).trim().toLowerCase()] = line.slice(at + 1).trim();
  }
  return headers;
}

function invalid(message: string): ApiError {
  return new ApiError('VALIDATION_FAILED', message);
}

/** The boundary and part type of a `multipart/related; type="..."; boundary=...` Content-Type. */
export function multipartParameters(contentType: string | undefined): {
  boundary: string;
  type: string | undefined;
} {
  const text = contentType ?? '';
  if (!/^\s*multipart\/related\b/i.test(text))
    throw invalid('STOW-RS takes Content-Type multipart/related; type="application/dicom"; boundary=...');
  const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(text);
  const type = /type=(?:"([^"]+)"|([^;\s]+))/i.exec(text);
  const value = boundary?.[1] ?? boundary?.[2];
  if (!value) throw invalid('the multipart/related Content-Type has no boundary');
  return { boundary: value, type: (type?.[1] ?? type?.[2])?.toLowerCase() };
}
