import { execFile } from 'node:child_process';

/**
 * dciodvfy (Debian's dicom3tools) on one file: its Error and Warning lines. It reports on stderr and exits
 * non-zero when it finds errors, so only a timeout or a signal (it aborted) is a failure of the run.
 */
export function dciodvfy(path: string): Promise<{ errors: string[]; warnings: string[] }> {
  return new Promise((resolve, reject) => {
    execFile('/usr/bin/dciodvfy', [path], { timeout: 30_000 }, (error, stdout, stderr) => {
      if (error?.killed || typeof error?.code === 'string' || error?.signal) {
        reject(new Error(`dciodvfy ${path}: ${error.message}`));
        return;
      }
      const lines = `${stdout}\n${stderr}`.split('\n').map((l) => l.trim());
      resolve({
        errors: lines.filter((l) => l.startsWith('Error')),
        warnings: lines.filter((l) => l.startsWith('Warning')),
      });
    });
  });
}
