import type { ImageReadError } from '@voxelhub/core';

/** How many skipped-file warnings to print one by one before summarising the rest. */
const MAX_SKIP_LINES = 20;

export function reportSkipped(skipped: readonly { file: string; reason: string }[]): void {
  for (const s of skipped.slice(0, MAX_SKIP_LINES))
    process.stderr.write(`warning: ${s.file}: skipped (${s.reason})\n`);
  if (skipped.length > MAX_SKIP_LINES) {
    process.stderr.write(`warning: ${skipped.length - MAX_SKIP_LINES} more files skipped (not images)\n`);
  }
}

/** One line per unreadable file: the file and what is wrong. */
export function reportFailures(failed: readonly ImageReadError[]): void {
  for (const e of failed) process.stderr.write(`error: ${e.message} [${e.code}]\n`);
}
