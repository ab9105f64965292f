/** A folder that looks like a known layout but breaks it: names the file and what is wrong. */
export class LayoutError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
    this.name = 'LayoutError';
  }
}
