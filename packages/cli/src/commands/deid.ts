import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import {
  asReadError,
  CONFIDENTIALITY_OPTIONS,
  type ConfidentialityOption,
  DeidReport,
  subjectMappingCsv,
  TABLE_E1_1_EDITION,
  TABLE_E1_1_SOURCE,
} from '@voxelhub/core';
import { ProgressBar } from '../terminal/progress-bar.js';
import { reportSkipped } from '../terminal/report.js';
import { writeFileAtomically } from './atomic-file.js';
import { loadBurnedInRules } from './deid-burned-in.js';
import { type DeidSettings, deidentifyFile, NotDeidentifiable } from './deid-file.js';
import { checkOutput, checkSideFile, DeidUsageError, type InputFile, inputFiles } from './deid-inputs.js';
import { createKeyFile, type DeidKey, KeyFileError, randomKey, readKeyFile } from './deid-key.js';
import { OutputNames } from './deid-output-names.js';
import { type FileOutcome, type RunContext, runReportJson } from './deid-run-report.js';
import { summaryText } from './deid-summary.js';

export interface DeidOptions {
  /** The folder the copies and deid-report.json go to; optional with dryRun. */
  readonly output?: string;
  /** ConfidentialityOption ids, as given on the command line (checked here). */
  readonly options?: readonly string[];
  readonly keyFile?: string;
  readonly newKeyFile?: string;
  readonly dryRun?: boolean;
  readonly force?: boolean;
  /** Also write the report, with input paths, to this file (the only output of a dry run). */
  readonly report?: string;
  /** Keep relative paths as they are instead of pseudonymous names. */
  readonly keepNames?: boolean;
  /** A JSON file of burned-in text rules (see docs/deid.md); the defaults when absent. */
  readonly burnedInRules?: string;
  /** Write the re-identification mapping to this CSV file (kept apart from the copies). */
  readonly mapping?: string;
  /** Without a terminal, a progress line on stderr every this many files. */
  readonly progressEvery?: number;
}

const REPORT_FILE = 'deid-report.json';

function checkOptions(given: readonly string[]): ConfidentialityOption[] {
  const known = new Set<string>(CONFIDENTIALITY_OPTIONS);
  for (const o of given)
    if (!known.has(o))
      throw new DeidUsageError(`unknown --option '${o}' (one of: ${CONFIDENTIALITY_OPTIONS.join(', ')})`);
  const options = [...new Set(given)] as ConfidentialityOption[];
  if (options.includes('retainLongitudinalFullDates') && options.includes('retainLongitudinalModifiedDates'))
    throw new DeidUsageError(
      'retainLongitudinalFullDates and retainLongitudinalModifiedDates exclude each other',
    );
  return options;
}

async function projectKey(paths: readonly string[], options: DeidOptions): Promise<DeidKey> {
  if (options.keyFile && options.newKeyFile)
    throw new DeidUsageError("give '--key-file' or '--new-key-file', not both");
  try {
    if (options.keyFile) {
      checkSideFile(options.keyFile, 'key file', [], options.output);
      return await readKeyFile(options.keyFile);
    }
    if (options.newKeyFile) {
      checkSideFile(options.newKeyFile, 'key file', paths, options.output);
      const key = await createKeyFile(options.newKeyFile);
      process.stderr.write(
        `wrote a new project key to ${options.newKeyFile}: keep it private, use it with --key-file\n`,
      );
      return key;
    }
  } catch (error) {
    if (error instanceof KeyFileError) throw new DeidUsageError(error.message);
    throw error;
  }
  return randomKey();
}

/** Progress on stderr: a bar on a terminal, else a line every `every` files (logs stay readable). */
function progress(total: number, every: number) {
  const bar = new ProgressBar('de-identifying');
  const tty = process.stderr.isTTY === true;
  return {
    update(done: number, detail: string) {
      if (tty) bar.update(done, total, detail);
      else if (done > 0 && done % every === 0)
        process.stderr.write(`de-identifying: ${done}/${total} files\n`);
    },
    done: () => bar.done(),
  };
}

/** One file: its copy written (or, in a dry run, only named), or why not. Errors name the file on stderr. */
async function processFile(
  file: InputFile,
  settings: DeidSettings,
  names: OutputNames,
  options: DeidOptions,
  mapping: DeidReport,
): Promise<FileOutcome> {
  try {
    const copy = await deidentifyFile(file.path, await readFile(file.path), settings);
    if (copy.leaks.length > 0) {
      const detail = `identifying values left in ${copy.leaks.map((l) => l.name).join(', ')}; no copy written`;
      process.stderr.write(`error: ${file.path}: ${detail} [LEAK]\n`);
      return {
        input: file.relative,
        status: 'failed',
        kind: copy.kind,
        error: { code: 'LEAK', detail },
        leaks: copy.leaks,
      };
    }
    for (const subject of copy.subjects ?? []) mapping.recordSubject(subject);
    const output = names.name(file.relative, copy.kind, copy.sopInstanceUid);
    if (!options.dryRun) await writeFileAtomically(join(options.output!, output), copy.bytes);
    const status = options.dryRun ? 'would-write' : 'done';
    const burnedIn = copy.burnedIn ? { burnedIn: copy.burnedIn } : {};
    return {
      input: file.relative,
      status,
      output,
      kind: copy.kind,
      report: copy.report,
      leaks: [],
      ...burnedIn,
    };
  } catch (error) {
    if (error instanceof NotDeidentifiable)
      return { input: file.relative, status: 'skipped', reason: error.message };
    const e = asReadError(error, 'IO', file.path);
    // DICOMDIR: a media index holding patient names, not an image; a copy needs a new one built from the copies.
    if (e.code === 'UNSUPPORTED_IMAGE') return { input: file.relative, status: 'skipped', reason: e.detail };
    process.stderr.write(`error: ${e.message} [${e.code}]\n`);
    return { input: file.relative, status: 'failed', error: { code: e.code, detail: e.detail } };
  }
}

async function run(paths: readonly string[], options: DeidOptions): Promise<number> {
  if (paths.length === 0) throw new DeidUsageError("missing required argument 'paths'");
  if (!options.output && !options.dryRun)
    throw new DeidUsageError("required option '-o, --output <folder>' not specified");
  const settingsOptions = checkOptions(options.options ?? []);
  const files = await inputFiles(paths);
  if (options.output && !options.dryRun) checkOutput(options.output, paths, options.force === true);
  if (options.report)
    checkSideFile(options.report, 'report', paths, options.dryRun ? undefined : options.output);
  if (options.mapping)
    checkSideFile(options.mapping, 'mapping', paths, options.dryRun ? undefined : options.output);
  const burnedIn = await loadBurnedInRules(options.burnedInRules);
  const key = await projectKey(paths, options);
  const settings: DeidSettings = { key: key.bytes, options: settingsOptions, burnedInRules: burnedIn.rules };
  const names = new OutputNames(key.bytes, options.keepNames ? 'kept' : 'pseudonymous');
  const context: RunContext = {
    output: options.output,
    dryRun: options.dryRun === true,
    options: settingsOptions,
    key,
    names: options.keepNames ? 'kept' : 'pseudonymous',
    tableEdition: TABLE_E1_1_EDITION,
    tableSource: TABLE_E1_1_SOURCE,
    burnedInRules: { source: burnedIn.source, count: burnedIn.rules.length },
  };
  // Ctrl-C stops between files: the file being written is finished (or its temp removed), the report written.
  let interrupted = false;
  const stop = () => {
    interrupted = true;
  };
  process.once('SIGINT', stop);
  const outcomes: FileOutcome[] = [];
  const mapping = new DeidReport(); // only its subjects: the re-identification mapping
  const bar = progress(files.length, options.progressEvery ?? 100);
  try {
    for (const file of files) {
      if (interrupted) break;
      bar.update(outcomes.length, file.relative);
      outcomes.push(await processFile(file, settings, names, options, mapping));
    }
  } finally {
    bar.done();
    process.off('SIGINT', stop);
  }
  reportSkipped(
    outcomes.filter((o) => o.status === 'skipped').map((o) => ({ file: o.input, reason: o.reason ?? '' })),
  );
  const shared = runReportJson(outcomes, context, options.keepNames === true);
  if (!options.dryRun)
    await writeFileAtomically(join(options.output!, REPORT_FILE), `${JSON.stringify(shared, null, 2)}\n`);
  if (options.report) {
    const full = runReportJson(outcomes, context, true);
    await writeFileAtomically(resolve(options.report), `${JSON.stringify(full, null, 2)}\n`);
  }
  if (options.mapping)
    // Identifying by definition: readable by its owner only, and never inside the shareable output.
    await writeFileAtomically(resolve(options.mapping), subjectMappingCsv(mapping.subjects()), {
      mode: 0o600,
    });
  process.stdout.write(summaryText(shared, options.output));
  if (interrupted) {
    process.stderr.write(`interrupted after ${outcomes.length} of ${files.length} files\n`);
    return 130;
  }
  return shared.totals.failed > 0 ? 1 : 0;
}

/**
 * `voxelhub deid <paths...> -o <folder>`: de-identified copies of every DICOM, NIfTI, PNG and JPEG file
 * under the paths, and a report. Returns the exit code: 0 all done, 1 some failed, 2 usage error.
 */
export async function deidCommand(paths: readonly string[], options: DeidOptions): Promise<number> {
  try {
    return await run(paths, options);
  } catch (error) {
    if (!(error instanceof DeidUsageError)) throw error;
    process.stderr.write(`error: ${error.message}\n(run 'voxelhub deid --help' for usage)\n`);
    return 2;
  }
}
