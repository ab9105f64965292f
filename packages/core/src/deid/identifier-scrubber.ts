/**
 * The "C" (clean) action for free text: there is no general way to find identifiers in prose, so this
 * removes every identifying value the dataset itself holds (names and their components, IDs, places,
 * dates, ... of attributes the profile removes or replaces) wherever it appears in the text.
 */
export class IdentifierScrubber {
  private readonly needles = new Set<string>();
  private longestFirst: string[] | undefined;

  // Shorter values (a sex, an initial) match too much ordinary text to be worth scrubbing.
  private static readonly MIN_LENGTH = 3;

  add(value: string): void {
    for (const part of [value, ...value.split(/[\^=\\]/)]) {
      const trimmed = part.trim();
      if (trimmed.length >= IdentifierScrubber.MIN_LENGTH) this.needles.add(trimmed.toLowerCase());
      this.longestFirst = undefined;
    }
  }

  scrub(text: string): string {
    let out = text;
    // Longest first, so a full name goes before its parts.
    this.longestFirst ??= [...this.needles].sort((a, b) => b.length - a.length);
    for (const needle of this.longestFirst) {
      let at = out.toLowerCase().indexOf(needle);
      while (at >= 0) {
        out = `${out.slice(0, at)}*${out.slice(at + needle.length)}`;
        at = out.toLowerCase().indexOf(needle, at + 1);
      }
    }
    return out;
  }
}
