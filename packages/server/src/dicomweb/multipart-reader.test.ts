import { describe, expect, it } from 'vitest';
import { multipartParameters, type ReadPart, readMultipart } from './multipart-reader.js';

async function readAll(body: Buffer, chunkSize: number, maxPartBytes?: number): Promise<ReadPart[]> {
  async function* chunks() {
    for (let at = 0; at < body.length; at += chunkSize) yield body.subarray(at, at + chunkSize);
  }
  const parts: ReadPart[] = [];
  for await (const part of readMultipart(chunks(), {
    boundary: 'b0undary',
    ...(maxPartBytes ? { maxPartBytes } : {}),
  }))
    parts.push(part);
  return parts;
}

describe('readMultipart', () => {
  // Binary bodies holding CR LF and dashes, so that only the whole delimiter ends a part.
  const first = Buffer.from([0x0d, 0x0a, 0x2d, 0x2d, 0x62, 0, 1, 2, 0xff]);
  const second = Buffer.alloc(3000, 0x2d);
  const body = Buffer.concat([
    Buffer.from('preamble\r\n--b0undary\r\nContent-Type: application/dicom\r\nX-Other: 1\r\n\r\n'),
    first,
    Buffer.from('\r\n--b0undary  \r\n\r\n'),
    second,
    Buffer.from('\r\n--b0undary--\r\nepilogue'),
  ]);

  it('gives the same parts however the body is cut into chunks', async () => {
    for (const size of [1, 2, 7, 13, 64, 4096, body.length]) {
      const parts = await readAll(body, size);
      expect(parts.map((part) => part.body)).toEqual([first, second]);
      expect(parts[0]!.headers).toEqual({ 'content-type': 'application/dicom', 'x-other': '1' });
      expect(parts[1]!.headers).toEqual({});
    }
  });

  it('refuses a part larger than the limit, and a body cut short', async () => {
    await expect(readAll(body, 100, 2000)).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    await expect(readAll(body.subarray(0, body.length - 20), 100)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });

  it('reads the boundary and part type of the Content-Type, quoted or not', () => {
    expect(multipartParameters('multipart/related; type="application/dicom"; boundary="a b"')).toEqual({
      boundary: 'a b',
      type: 'application/dicom',
    });
    expect(multipartParameters('Multipart/Related;boundary=xyz;type=application/dicom')).toEqual({
      boundary: 'xyz',
      type: 'application/dicom',
    });
    expect(() => multipartParameters('application/dicom')).toThrow(/multipart\/related/);
  });
});
