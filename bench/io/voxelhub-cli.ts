import { join } from 'node:path';
import { type Command, nodeEnvironment } from '../harness/process-runs.js';

/**
 * `node packages/cli/bin/voxelhub.js …` as a user runs it, with NODE_EXTRA_CA_CERTS unset; `nodeArgs`
 * go before the script (e.g. --cpu-prof).
 */
export function voxelhubCommand(
  repoRoot: string,
  label: string,
  args: readonly string[],
  nodeArgs: readonly string[] = [],
): Command {
  return {
    label,
    file: process.execPath,
    args: [...nodeArgs, join(repoRoot, 'packages', 'cli', 'bin', 'voxelhub.js'), ...args],
    env: nodeEnvironment(),
  };
}
