import { ImageReadError } from '../errors/image-read-error.js';

const utf8 = new TextDecoder('utf-8');

/**
 * Reads fixed-offset header fields in one byte order. Every read is checked against the bytes
 * available, so a short header fails with TRUNCATED instead of a RangeError from DataView.
 */
export class FieldReader {
  private readonly view: DataView;

  constructor(
    private readonly bytes: Uint8Array,
    readonly littleEndian: boolean,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  private check(offset: number, size: number): void {
    if (offset < 0 || offset + size > this.bytes.length) {
      throw new ImageReadError(
        'TRUNCATED',
        `NIfTI header ends at byte ${this.bytes.length}, before the field at byte ${offset}`,
      );
    }
  }

  u8(offset: number): number {
    this.check(offset, 1);
    return this.view.getUint8(offset);
  }

  i16(offset: number): number {
    this.check(offset, 2);
    return this.view.getInt16(offset, this.littleEndian);
  }

  i32(offset: number): number {
    this.check(offset, 4);
    return this.view.getInt32(offset, this.littleEndian);
  }

  /** A 64-bit integer as a number; values beyond 2^53 are refused rather than rounded. */
  i64(offset: number, field: string): number {
    this.check(offset, 8);
    const value = this.view.getBigInt64(offset, this.littleEndian);
    if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
      throw new ImageReadError('LIMIT_EXCEEDED', `NIfTI ${field} is ${value}, beyond what can be addressed`);
    }
    return Number(value);
  }

  f32(offset: number): number {
    this.check(offset, 4);
    return this.view.getFloat32(offset, this.littleEndian);
  }

  f64(offset: number): number {
    this.check(offset, 8);
    return this.view.getFloat64(offset, this.littleEndian);
  }

  /** A NUL-terminated text field of at most `length` bytes. */
  text(offset: number, length: number): string {
    this.check(offset, length);
    const field = this.bytes.subarray(offset, offset + length);
    const end = field.indexOf(0);
    return utf8.decode(end >= 0 ? field.subarray(0, end) : field);
  }

  /** The raw bytes of a field, for magic strings. */
  raw(offset: number, length: number): Uint8Array {
    this.check(offset, length);
    return this.bytes.subarray(offset, offset + length);
  }
}
