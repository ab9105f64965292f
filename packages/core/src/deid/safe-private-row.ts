/** One row of PS3.15 Table E.3.10-1 "Safe Private Attributes": a private data element (gggg,xxee). */
export interface SafePrivateRow {
  /** The odd group gggg, 4 upper-case hex digits. */
  readonly group: string;
  /** The element's low byte ee, 2 upper-case hex digits; the block xx is wherever the creator reserved it. */
  readonly element: string;
  /** The Private Creator (gggg,00xx) value that reserves the block, without padding. */
  readonly creator: string;
  /** The VR the table gives; empty where the table leaves it empty. */
  readonly vr: string;
  readonly vm: string;
  readonly meaning: string;
}
