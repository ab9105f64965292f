/** A one-line progress bar on stderr, drawn only on a terminal so that logs and pipes stay clean. */
export class ProgressBar {
  private readonly enabled: boolean;
  private lastDraw = 0;
  private readonly started = Date.now();

  constructor(
    private readonly label: string,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {
    this.enabled = stream.isTTY === true;
  }

  update(done: number, total: number, detail = ''): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.lastDraw < 80 && done < total) return;
    this.lastDraw = now;
    const width = 28;
    const fraction = total > 0 ? Math.min(1, done / total) : 0;
    const filled = Math.round(fraction * width);
    const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
    const seconds = ((now - this.started) / 1000).toFixed(1);
    const columns = this.stream.columns ?? 100;
    const line = `${this.label} ${bar} ${Math.floor(done)}/${total} ${seconds}s ${detail}`.slice(
      0,
      columns - 1,
    );
    this.stream.write(`\r\x1b[K${line}`);
  }

  /** Prints a line on stdout without the bar in the way (the bar redraws on the next update). */
  print(line: string): void {
    if (this.enabled) this.stream.write('\r\x1b[K');
    this.lastDraw = 0;
    process.stdout.write(`${line}\n`);
  }

  done(): void {
    if (this.enabled) this.stream.write('\r\x1b[K');
  }
}
