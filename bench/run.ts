import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { deidSuite } from './deid/deid-suite.js';
import { exportSuite } from './export/export-suite.js';
import type { Suite, SuiteContext } from './harness/suite.js';
import { ioSuite } from './io/io-suite.js';
import { metricsSuite } from './metrics/metrics-suite.js';
import { serverSuite } from './server/server-suite.js';

/**
 * `npm run bench -- [suite…] [--runs N] [--profile]`: runs the named suites (all when none is named).
 * Compiled to bench/dist/run.js.
 */
const SUITES: readonly Suite[] = [ioSuite, serverSuite, deidSuite, metricsSuite, exportSuite];

function usage(): string {
  const list = SUITES.map((s) => `  ${s.name.padEnd(8)} ${s.description}`).join('\n');
  return `usage: npm run bench -- [suite…] [--runs N] [--profile]\nsuites:\n${list}`;
}

interface Args {
  readonly names: string[];
  readonly runs?: number;
  readonly profile: boolean;
}

function parseArgs(argv: string[]): Args | string {
  const names: string[] = [];
  let runs: number | undefined;
  let profile = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--runs') {
      runs = Number(argv[++i]);
      if (!Number.isInteger(runs) || runs < 1) return '--runs needs a whole number ≥ 1';
    } else if (arg === '--profile') profile = true;
    else if (arg === '--help' || arg === '-h') return '';
    else names.push(arg);
  }
  return runs === undefined ? { names, profile } : { names, runs, profile };
}

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    process.stderr.write(`${args ? `${args}\n` : ''}${usage()}\n`);
    return args ? 2 : 0;
  }
  const unknown = args.names.filter((n) => !SUITES.some((s) => s.name === n));
  if (unknown.length) {
    process.stderr.write(`unknown suite: ${unknown.join(', ')}\n${usage()}\n`);
    return 2;
  }
  const chosen = args.names.length ? SUITES.filter((s) => args.names.includes(s.name)) : SUITES;
  // bench/dist/run.js → the repository root is two levels up.
  const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
  const outDir = fileURLToPath(new URL('../out/', import.meta.url));
  await mkdir(outDir, { recursive: true });
  const context: SuiteContext = {
    repoRoot,
    outDir,
    ...(args.runs === undefined ? {} : { runs: args.runs }),
    profile: args.profile,
    log: (line) => process.stdout.write(`${line}\n`),
  };
  for (const suite of chosen) {
    context.log(`== ${suite.name}: ${suite.description}`);
    await suite.run(context);
  }
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
