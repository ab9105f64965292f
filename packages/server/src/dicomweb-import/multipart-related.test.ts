import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CT_SMALL, MR_SMALL } from '../import/import-test-files.js';
import { MultipartError, multipartBoundary, readMultipartRelated } from './multipart-related.js';

async function* chunked(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function collect(body: Uint8Array, boundary: string, chunkSize: number, max = 1 << 24) {
  const parts = [];
  for await (const part of readMultipartRelated(chunked(body, chunkSize), boundary, max)) parts.push(part);
  return parts;
}

const ct = new Uint8Array(readFileSync(CT_SMALL));
const mr = new Uint8Array(readFileSync(MR_SMALL));

/** A body the way Orthanc and dcm4chee write WADO-RS answers, with a preamble and an epilogue. */
function related(boundary: string, parts: Uint8Array[]): Uint8Array {
  const pieces: Buffer[] = [Buffer.from('ignored preamble')];
  for (const part of parts)
    pieces.push(
      Buffer.from(
        `\r\n--${boundary}\r\nContent-Type: application/dicom\r\nContent-Length: ${part.length}\r\n\r\n`,
      ),
      Buffer.from(part),
    );
  pieces.push(Buffer.from(`\r\n--${boundary}--\r\nignored epilogue`));
  return new Uint8Array(Buffer.concat(pieces));
}

describe('readMultipartRelated', () => {
  it('yields each part whole, however the body is split into chunks', async () => {
    const body = related('b0undary.42', [ct, mr]);
    for (const size of [1, 7, 4096, body.length]) {
      const parts = await collect(body, 'b0undary.42', size);
      expect(parts.map((part) => part.headers['content-type'])).toEqual([
        'application/dicom',
        'application/dicom',
      ]);
      expect(Buffer.from(parts[0]!.body).equals(Buffer.from(ct)), `chunks of ${size}`).toBe(true);
      expect(Buffer.from(parts[1]!.body).equals(Buffer.from(mr))).toBe(true);
    }
  });

  it('reads a body that opens with its first delimiter, parts without headers, and transport padding', async () => {
    const body = Buffer.from('--xyz  \r\n\r\nfirst\r\n--xyz\r\nA: 1\r\n\r\n\r\n--xy\r\n--xyz--');
    const parts = await collect(body, 'xyz', 3);
    expect(parts.map((p) => [p.headers, Buffer.from(p.body).toString()])).toEqual([
      [{}, 'first'],
      [{ a: '1' }, '\r\n--xy'],
    ]);
  });

  it('refuses a body cut short and a part over the size limit', async () => {
    const body = related('q', [ct]);
    await expect(collect(body.subarray(0, body.length - 30), 'q', 512)).rejects.toThrow(MultipartError);
    await expect(collect(body, 'q', 512, 1000)).rejects.toThrow(/larger than 1000 bytes/);
  });

  it('reads the boundary from the Content-Type, quoted or not', () => {
    expect(multipartBoundary('multipart/related; type="application/dicom"; boundary="a b:c"')).toBe('a b:c');
    expect(multipartBoundary('Multipart/Related;boundary=abc;type=application/dicom')).toBe('abc');
    expect(multipartBoundary('application/dicom')).toBeUndefined();
  });
});
