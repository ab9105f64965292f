import { execFile } from 'node:child_process';
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { findExecutable } from '../harness/find-executable.js';
import type { Command } from '../harness/process-runs.js';

const run = promisify(execFile);

/**
 * gdcmanon's PS3.15 mode (`-e`, the Basic Profile) refuses to run without a certificate: it encrypts
 * the original values into an Encrypted Attributes Sequence (0400,0500) so that the key holder can
 * re-identify. There is no switch for the profile without it (`--dumb` is a different, tag-by-tag
 * mode), so the benchmark gives it a throwaway self-signed certificate, made once with openssl.
 */
async function throwawayCertificate(folder: string): Promise<string> {
  const certificate = join(folder, 'gdcmanon-certificate.pem');
  try {
    await access(certificate);
    return certificate;
  } catch {}
  const openssl = await findExecutable('openssl');
  if (!openssl) throw new Error('openssl is not on PATH: gdcmanon -e needs a certificate it would make');
  const key = join(folder, 'gdcmanon-key.pem');
  const subject = '/CN=voxelhub-bench-throwaway';
  await run(
    openssl,
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', certificate].concat([
      '-days',
      '3650',
      '-subj',
      subject,
    ]),
  );
  return certificate;
}

/** `gdcmanon -e -c <certificate> <in> <out>`, or why it cannot run here. */
export async function gdcmanonCommand(
  scratch: string,
  input: string,
  output: string,
): Promise<Command | { skipped: string }> {
  const gdcmanon = await findExecutable('gdcmanon');
  if (!gdcmanon) return { skipped: 'not on PATH (apt-get install libgdcm-tools)' };
  const certificate = await throwawayCertificate(scratch);
  return { label: 'gdcmanon', file: gdcmanon, args: ['-e', '-c', certificate, input, output] };
}
