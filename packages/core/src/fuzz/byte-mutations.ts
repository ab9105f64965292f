import fc from 'fast-check';

/**
 * Mutations of a real file's bytes for fuzzing the readers. A mutation is a plain list of edits (JSON,
 * printable, replayable without fast-check); the arbitraries below generate them from a file's size and,
 * for the structure-aware ones, from where its length fields, sequences and header fields lie.
 */

/** A run of bytes written `times` times (deep nesting is a short pattern repeated, not a huge array). */
export interface Run {
  readonly bytes: readonly number[];
  readonly times: number;
}

export type Edit =
  | { readonly op: 'flip'; readonly at: number; readonly bit: number }
  | { readonly op: 'write'; readonly at: number; readonly bytes: readonly number[]; readonly why?: string }
  | { readonly op: 'insert'; readonly at: number; readonly runs: readonly Run[]; readonly why?: string }
  | { readonly op: 'delete'; readonly at: number; readonly count: number; readonly why?: string }
  | { readonly op: 'truncate'; readonly length: number };

/** A fixed-size field of a file: a DICOM length, a NIfTI header field. */
export interface Field {
  readonly label: string;
  readonly offset: number;
  readonly size: 1 | 2 | 4 | 8;
  readonly littleEndian: boolean;
  readonly float?: boolean;
  /** The field's value in the unmutated file. */
  readonly value: number;
}

/** The bytes of `value` in a field (integers wrap to the field's width, floats are IEEE). */
export function encodeField(field: Field, value: number): number[] {
  const view = new DataView(new ArrayBuffer(field.size));
  const le = field.littleEndian;
  if (field.float) {
    if (field.size === 4) view.setFloat32(0, value, le);
    else view.setFloat64(0, value, le);
  } else if (field.size === 1) view.setUint8(0, value & 0xff);
  else if (field.size === 2) view.setUint16(0, value & 0xffff, le);
  else if (field.size === 4) view.setUint32(0, value >>> 0, le);
  else view.setBigInt64(0, BigInt.asIntN(64, BigInt(Math.trunc(value))), le);
  return [...new Uint8Array(view.buffer)];
}

export function writeField(field: Field, value: number, why = `${field.label} := ${value}`): Edit {
  return { op: 'write', at: field.offset, bytes: encodeField(field, value), why };
}

function expand(runs: readonly Run[]): Uint8Array {
  const out = new Uint8Array(runs.reduce((n, r) => n + r.bytes.length * r.times, 0));
  let at = 0;
  for (const run of runs) {
    for (let i = 0; i < run.times; i++) {
      out.set(run.bytes, at);
      at += run.bytes.length;
    }
  }
  return out;
}

/** Applies edits in order to a copy; positions past the current end are clamped to it. */
export function applyEdits(original: Uint8Array, edits: readonly Edit[]): Uint8Array {
  let bytes = original.slice();
  for (const edit of edits) {
    const clamp = (at: number) => Math.min(Math.max(at, 0), bytes.length);
    switch (edit.op) {
      case 'flip':
        if (bytes.length > 0) bytes[clamp(edit.at) % bytes.length]! ^= 1 << (edit.bit & 7);
        break;
      case 'write': {
        const at = clamp(edit.at);
        bytes.set(edit.bytes.slice(0, bytes.length - at), at);
        break;
      }
      case 'insert': {
        const at = clamp(edit.at);
        const run = expand(edit.runs);
        const out = new Uint8Array(bytes.length + run.length);
        out.set(bytes.subarray(0, at), 0);
        out.set(run, at);
        out.set(bytes.subarray(at), at + run.length);
        bytes = out;
        break;
      }
      case 'delete': {
        const at = clamp(edit.at);
        const end = clamp(at + edit.count);
        const out = new Uint8Array(bytes.length - (end - at));
        out.set(bytes.subarray(0, at), 0);
        out.set(bytes.subarray(end), at);
        bytes = out;
        break;
      }
      case 'truncate':
        bytes = bytes.slice(0, clamp(edit.length));
        break;
    }
  }
  return bytes;
}

// ---- Unstructured mutations: any byte, any place -------------------------------------------------------

const INTERESTING_BYTES = [0x00, 0x01, 0x7f, 0x80, 0xfe, 0xff];

const someBytes = (max: number) =>
  fc.array(fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(...INTERESTING_BYTES)), {
    minLength: 1,
    maxLength: max,
  });

/** One blind edit somewhere in a file of `size` bytes. */
export function rawEdit(size: number): fc.Arbitrary<Edit> {
  const at = fc.integer({ min: 0, max: Math.max(0, size - 1) });
  // In-place edits keep the structure around them, so they reach deeper than edits that shift it.
  return fc.oneof(
    {
      arbitrary: fc.record({ op: fc.constant('flip' as const), at, bit: fc.integer({ min: 0, max: 7 }) }),
      weight: 3,
    },
    { arbitrary: fc.record({ op: fc.constant('write' as const), at, bytes: someBytes(8) }), weight: 3 },
    {
      arbitrary: fc.record({
        op: fc.constant('truncate' as const),
        length: fc.integer({ min: 0, max: size }),
      }),
      weight: 1,
    },
    {
      arbitrary: fc.record({
        op: fc.constant('insert' as const),
        at,
        runs: fc
          .tuple(someBytes(16), fc.integer({ min: 1, max: 64 }))
          .map(([bytes, times]) => [{ bytes, times }]),
      }),
      weight: 1,
    },
    {
      arbitrary: fc.record({
        op: fc.constant('delete' as const),
        at,
        count: fc.integer({ min: 1, max: 256 }),
      }),
      weight: 1,
    },
  );
}

export function rawEdits(size: number, maxEdits = 4): fc.Arbitrary<Edit[]> {
  return fc.array(rawEdit(size), { minLength: 1, maxLength: maxEdits });
}

// ---- Structure-aware: the fields a reader trusts ------------------------------------------------------

/** Values that break length arithmetic: undefined length, sign boundaries, just past the end. */
export function hostileLength(field: Field, fileSize: number): fc.Arbitrary<number> {
  const max = field.size === 2 ? 0xffff : 0xffffffff;
  const pastEnd = fc.integer({ min: 1, max: 4096 }).map((k) => Math.min(max, fileSize + k));
  const near = fc.integer({ min: -16, max: 16 }).map((d) => Math.min(max, Math.max(0, field.value + d)));
  return fc.oneof(
    fc.constantFrom(
      ...(field.size === 2
        ? [0xffff, 0x7fff, 0x8000, 0, 1]
        : [0xffffffff, 0xfffffff0, 0x7fffffff, 0x80000000, 0, 1]),
    ),
    pastEnd,
    near,
    fc.integer({ min: 0, max }),
  );
}

/** Overwrites 1–3 length fields with hostile values. */
export function lengthEdits(fields: readonly Field[], fileSize: number): fc.Arbitrary<Edit[]> {
  if (fields.length === 0) return fc.constant([]);
  const one = fc
    .integer({ min: 0, max: fields.length - 1 })
    .chain((i) => hostileLength(fields[i]!, fileSize).map((value) => writeField(fields[i]!, value)));
  return fc.array(one, { minLength: 1, maxLength: 3 });
}

/** Integer and float values that break header arithmetic (NIfTI dims, offsets, datatypes). */
export function hostileValue(field: Field): fc.Arbitrary<number> {
  if (field.float) {
    return fc.oneof(
      fc.constantFrom(
        Number.NaN,
        Number.POSITIVE_INFINITY,
        Number.NEGATIVE_INFINITY,
        -1,
        0,
        1e30,
        -1e30,
        2 ** 31,
        2 ** 53,
      ),
      fc.double({ noNaN: false }),
      fc.integer({ min: -1024, max: 1 << 20 }),
    );
  }
  const bits = field.size * 8;
  const limit = bits >= 53 ? Number.MAX_SAFE_INTEGER : 2 ** (bits - 1) - 1;
  return fc.oneof(
    fc.constantFrom(
      0,
      -1,
      1,
      2,
      3,
      7,
      8,
      255,
      256,
      0x7fff,
      -0x8000,
      0xffff,
      2 ** 31 - 1,
      -(2 ** 31),
      2 ** 32 - 1,
    ),
    fc.integer({ min: -limit - 1, max: limit }),
    fc.integer({ min: -2, max: 16 }).map((d) => field.value + d),
    fc.integer({ min: 1, max: 16 }).map((k) => field.value * k),
  );
}

/** Overwrites 1–3 header fields with hostile values. */
export function fieldEdits(fields: readonly Field[]): fc.Arbitrary<Edit[]> {
  if (fields.length === 0) return fc.constant([]);
  const one = fc
    .integer({ min: 0, max: fields.length - 1 })
    .chain((i) => hostileValue(fields[i]!).map((value) => writeField(fields[i]!, value)));
  return fc.array(one, { minLength: 1, maxLength: 3 });
}

/** Where a DICOM sequence can be nested: an item's bytes and the encoding of the headers around it. */
export interface NestingSite {
  /** Top-level element starts after the meta group: where a new element can go. */
  readonly boundaries: readonly number[];
  /** Sequence header (tag, VR, undefined length) and item header (FFFE,E000, undefined length). */
  readonly sequenceHeader: readonly number[];
  readonly itemHeader: readonly number[];
  readonly itemEnd: readonly number[];
  readonly sequenceEnd: readonly number[];
  /** The content of a real item, put at the bottom of the nest. */
  readonly itemContent: readonly number[];
}

/**
 * A sequence nested `depth` deep, inserted as a new top-level element. Without delimiters the
 * sequences never end: the parser must find that out without recursing forever.
 */
export function nestingEdits(site: NestingSite): fc.Arbitrary<Edit[]> {
  return fc
    .record({
      boundary: fc.integer({ min: 0, max: Math.max(0, site.boundaries.length - 1) }),
      depth: fc.oneof(fc.integer({ min: 1, max: 64 }), fc.integer({ min: 64, max: 20_000 })),
      terminated: fc.boolean(),
    })
    .map(({ boundary, depth, terminated }): Edit[] => [
      {
        op: 'insert' as const,
        at: site.boundaries[boundary] ?? 0,
        runs: [
          { bytes: [...site.sequenceHeader, ...site.itemHeader], times: depth },
          { bytes: site.itemContent, times: 1 },
          ...(terminated ? [{ bytes: [...site.itemEnd, ...site.sequenceEnd], times: depth }] : []),
        ],
        why: `sequence nested ${depth} deep${terminated ? '' : ' without delimiters'}`,
      },
    ]);
}

/** Where native or encapsulated pixel data lies, to make it shorter than the image needs. */
export interface PixelDataSite {
  /** The length field to lower with the data: Pixel Data's own, or its last fragment's. */
  readonly lengthField: Field;
  /** Where the value that field measures starts. */
  readonly valueOffset: number;
}

/** Pixel data cut to `keep` bytes, its length field saying so: a consistent file with too few pixels. */
export function shrinkPixelDataEdits(site: PixelDataSite): fc.Arbitrary<Edit[]> {
  const full = site.lengthField.value;
  return fc.integer({ min: 0, max: Math.max(0, full - 2) }).map((keep) => {
    const even = keep - (keep % 2);
    return [
      writeField(site.lengthField, even, `pixel data cut from ${full} to ${even} bytes`),
      { op: 'delete' as const, at: site.valueOffset + even, count: full - even },
    ];
  });
}

/**
 * Which layer a mutation edits: the file as stored, or its plain form (inflated deflate dataset,
 * gunzipped NIfTI), re-encoded after editing so that header fields reach the reader.
 */
export type Layer = 'stored' | 'plain';

export interface Mutation {
  readonly layer: Layer;
  readonly edits: readonly Edit[];
}

/** A file to mutate: its stored bytes, and its plain form with the encoder that stores it again. */
export interface FuzzSubject {
  readonly name: string;
  readonly stored: Uint8Array;
  readonly plain: Uint8Array;
  readonly encode?: (plain: Uint8Array) => Uint8Array;
}

export function mutate(subject: FuzzSubject, mutation: Mutation): Uint8Array {
  if (mutation.layer === 'stored' || !subject.encode) {
    return applyEdits(mutation.layer === 'stored' ? subject.stored : subject.plain, mutation.edits);
  }
  return subject.encode(applyEdits(subject.plain, mutation.edits));
}

/**
 * Mutations of a subject: blind edits of the stored bytes, and (when given) structure-aware edits of
 * the plain form, optionally followed by a few blind ones.
 */
export function mutations(
  subject: FuzzSubject,
  structured: readonly fc.Arbitrary<Edit[]>[],
): fc.Arbitrary<Mutation> {
  const blind = rawEdits(subject.stored.length).map((edits) => ({ layer: 'stored' as const, edits }));
  if (structured.length === 0) return blind;
  const layer: Layer = subject.encode ? 'plain' : 'stored';
  const aware = fc
    .tuple(fc.oneof(...structured), fc.option(rawEdits(subject.plain.length, 2), { nil: undefined, freq: 3 }))
    .map(([edits, extra]) => ({ layer, edits: [...edits, ...(extra ?? [])] }));
  const plainBlind = subject.encode
    ? [rawEdits(subject.plain.length).map((edits) => ({ layer: 'plain' as const, edits }))]
    : [];
  return fc.oneof(
    { arbitrary: blind, weight: 1 },
    { arbitrary: aware, weight: 2 },
    ...plainBlind.map((arbitrary) => ({ arbitrary, weight: 1 })),
  );
}

/** A top-level element whose value can be replaced by one of another length (its length field follows). */
export interface ValueSite {
  readonly label: string;
  readonly lengthField: Field;
  readonly valueOffset: number;
  /** Pad byte to an even length: space for text, NUL for UIDs. */
  readonly pad: number;
}

/** Replaces the value at `site` with `text` (Latin-1), fixing its length field. */
export function replaceValue(site: ValueSite, text: string): Edit[] {
  const bytes = [...text].map((c) => c.charCodeAt(0) & 0xff);
  if (bytes.length % 2 === 1) bytes.push(site.pad);
  const old = site.lengthField.value;
  return [
    writeField(site.lengthField, bytes.length, `${site.label} := '${text}'`),
    { op: 'delete', at: site.valueOffset, count: old },
    { op: 'insert', at: site.valueOffset, runs: [{ bytes, times: 1 }] },
  ];
}

/** Replaces the value of one site with a string from `values(site)`. */
export function valueEdits(
  sites: readonly ValueSite[],
  values: (site: ValueSite) => fc.Arbitrary<string>,
): fc.Arbitrary<Edit[]> {
  if (sites.length === 0) return fc.constant([]);
  return fc
    .integer({ min: 0, max: sites.length - 1 })
    .chain((i) => values(sites[i]!).map((text) => replaceValue(sites[i]!, text)));
}
