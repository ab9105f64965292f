const utf8 = new TextEncoder();

/** Writes little-endian header fields into a zero-filled buffer of a fixed size. */
export class FieldWriter {
  readonly bytes: Uint8Array;
  private readonly view: DataView;

  constructor(size: number) {
    this.bytes = new Uint8Array(size);
    this.view = new DataView(this.bytes.buffer);
  }

  u8(offset: number, value: number): void {
    this.view.setUint8(offset, value);
  }

  i16(offset: number, value: number): void {
    this.view.setInt16(offset, value, true);
  }

  i32(offset: number, value: number): void {
    this.view.setInt32(offset, value, true);
  }

  i64(offset: number, value: number): void {
    this.view.setBigInt64(offset, BigInt(value), true);
  }

  f32(offset: number, value: number): void {
    this.view.setFloat32(offset, value, true);
  }

  f64(offset: number, value: number): void {
    this.view.setFloat64(offset, value, true);
  }

  /** UTF-8 text, cut to leave room for the terminating NUL (never mid-character). */
  text(offset: number, length: number, value: string): void {
    utf8.encodeInto(value, this.bytes.subarray(offset, offset + length - 1));
  }

  /** Consecutive values of one type, e.g. dim[8] or srow_x‖srow_y‖srow_z. */
  array(offset: number, type: 'i16' | 'i64' | 'f32' | 'f64', values: readonly number[]): void {
    const size = type === 'i16' ? 2 : type === 'f32' ? 4 : 8;
    for (let i = 0; i < values.length; i++) this[type](offset + size * i, values[i]!);
  }

  raw(offset: number, value: ArrayLike<number>): void {
    this.bytes.set(value, offset);
  }
}
