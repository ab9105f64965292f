/** A file's bytes after scrubbing, with what was taken out (names and counts, never the values). */
export interface ScrubbedFile<Report> {
  readonly bytes: Uint8Array;
  readonly report: Report;
}
