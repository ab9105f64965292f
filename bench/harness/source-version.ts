import { execFileSync } from 'node:child_process';

/**
 * The commit the figures belong to, and whether packages/ had uncommitted changes: results from a
 * moving tree are only comparable when this says which tree it was.
 */
export function describeSourceVersion(repoRoot: string): string {
  try {
    const git = (...args: string[]) =>
      execFileSync('git', ['-C', repoRoot, ...args], { encoding: 'utf8' }).trim();
    const commit = git('log', '-1', '--format=%h %s');
    const dirty = git('status', '--porcelain', '--', 'packages').length > 0;
    return `source: ${commit}${dirty ? ' (+ uncommitted changes in packages/)' : ''}`;
  } catch {
    return 'source: not a git checkout';
  }
}
