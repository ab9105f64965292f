import { type ParseArgsConfig, parseArgs } from 'node:util';
import { type CommandName, commandHelp, HELP, VERSION } from './help.js';

/** A mistake in how the command was called: printed with a pointer to --help, exit status 2. */
class UsageError extends Error {}

function parse<const T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

async function info(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return printHelp('info');
  if (positionals.length === 0) throw new UsageError("missing required argument 'paths'");
  const { infoCommand } = await import('./commands/info.js');
  return infoCommand(positionals, { json: values.json === true });
}

async function convert(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    output: { type: 'string', short: 'o' },
    uncompressed: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return printHelp('convert');
  if (positionals.length === 0) throw new UsageError("missing required argument 'paths'");
  if (typeof values.output !== 'string')
    throw new UsageError("required option '-o, --output <folder>' not specified");
  const { convertCommand } = await import('./commands/convert.js');
  return convertCommand(positionals, { output: values.output, uncompressed: values.uncompressed === true });
}

async function deid(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    output: { type: 'string', short: 'o' },
    option: { type: 'string', multiple: true },
    'key-file': { type: 'string' },
    'new-key-file': { type: 'string' },
    'dry-run': { type: 'boolean' },
    report: { type: 'string' },
    'keep-names': { type: 'boolean' },
    force: { type: 'boolean' },
    'burned-in-rules': { type: 'string' },
    mapping: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return printHelp('deid');
  if (positionals.length === 0) throw new UsageError("missing required argument 'paths'");
  if (typeof values.output !== 'string' && !values['dry-run'])
    throw new UsageError("required option '-o, --output <folder>' not specified (or use --dry-run)");
  const { deidCommand } = await import('./commands/deid.js');
  return deidCommand(positionals, {
    output: values.output,
    options: values.option ?? [],
    keyFile: values['key-file'],
    newKeyFile: values['new-key-file'],
    dryRun: values['dry-run'] === true,
    report: values.report,
    keepNames: values['keep-names'] === true,
    force: values.force === true,
    burnedInRules: values['burned-in-rules'],
    mapping: values.mapping,
  });
}

/** A whole number from `min` up, or a usage error naming the option. */
function integerOption(value: string | undefined, name: string, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < min)
    throw new UsageError(`'--${name}' must be a whole number from ${min} up, not '${value}'`);
  return n;
}

/** A distance in mm from 0 up, or a usage error naming the option. */
function millimetresOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0)
    throw new UsageError(`'--${name}' must be a number of mm from 0 up, not '${value}'`);
  return n;
}

async function metrics(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    label: { type: 'string' },
    tolerance: { type: 'string' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return printHelp('metrics');
  if (positionals.length !== 2)
    throw new UsageError(`expected two mask files, <reference> <test>; got ${positionals.length}`);
  const label = integerOption(values.label, 'label', 1);
  const tolerance = millimetresOption(values.tolerance, 'tolerance');
  const { metricsCommand } = await import('./commands/metrics.js');
  return metricsCommand(positionals[0]!, positionals[1]!, {
    ...(label !== undefined ? { label } : {}),
    ...(tolerance !== undefined ? { tolerance } : {}),
    json: values.json === true,
  });
}

async function agreement(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    project: { type: 'string' },
    json: { type: 'boolean' },
    compute: { type: 'boolean' },
    'data-dir': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return printHelp('agreement');
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
  if (typeof values.project !== 'string' || values.project.trim() === '')
    throw new UsageError("required option '--project <name>' not specified");
  const { agreementCommand } = await import('./commands/agreement.js');
  return agreementCommand({
    project: values.project.trim(),
    json: values.json === true,
    compute: values.compute === true,
    configArgs: values['data-dir'] ? ['--data-dir', values['data-dir']] : [],
  });
}

async function exportVersion(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    project: { type: 'string' },
    version: { type: 'string' },
    format: { type: 'string' },
    output: { type: 'string', short: 'o' },
    'create-version': { type: 'string' },
    source: { type: 'string' },
    note: { type: 'string' },
    'list-formats': { type: 'boolean' },
    'channel-name': { type: 'string' },
    'data-dir': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return printHelp('export');
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
  const commands = await import('./commands/export.js');
  if (values['list-formats']) return commands.listFormatsCommand();
  if (typeof values.project !== 'string' || values.project.trim() === '')
    throw new UsageError("required option '--project <name>' not specified");
  const configArgs = values['data-dir'] ? ['--data-dir', values['data-dir']] : [];
  const creating = values['create-version'];
  if (creating !== undefined) {
    if (values.version !== undefined || values.format !== undefined || values.output !== undefined)
      throw new UsageError("'--create-version' makes a version; export it in a second run");
    return commands.createVersionCommand({
      project: values.project.trim(),
      name: creating.trim(),
      note: values.note ?? '',
      source: values.source ?? 'consensus',
      configArgs,
    });
  }
  if (values.source !== undefined || values.note !== undefined)
    throw new UsageError("'--source' and '--note' go with '--create-version <name>'");
  if (typeof values.version !== 'string' || values.version.trim() === '')
    throw new UsageError("required option '--version <name-or-id>' not specified");
  if (typeof values.format !== 'string')
    throw new UsageError("required option '--format <format>' not specified (see --list-formats)");
  if (typeof values.output !== 'string')
    throw new UsageError("required option '-o, --output <folder|file.zip>' not specified");
  return commands.exportCommand({
    project: values.project.trim(),
    version: values.version.trim(),
    format: values.format,
    output: values.output,
    ...(values['channel-name'] !== undefined ? { channelName: values['channel-name'].trim() } : {}),
    configArgs,
  });
}

async function importFiles(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    project: { type: 'string' },
    'data-dir': { type: 'string' },
    'from-dicomweb': { type: 'string' },
    study: { type: 'string' },
    token: { type: 'string' },
    labels: { type: 'boolean' },
    layout: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return printHelp('import');
  if (typeof values.project !== 'string' || values.project.trim() === '') {
    throw new UsageError("required option '--project <name>' not specified");
  }
  const configArgs = values['data-dir'] ? ['--data-dir', values['data-dir']] : [];
  const url = values['from-dicomweb'];
  if (values.labels) {
    if (url !== undefined) throw new UsageError("'--labels' imports a folder, not '--from-dicomweb'");
    if (positionals.length !== 1) throw new UsageError("'--labels' takes one dataset folder");
    const { importDatasetCommand } = await import('./commands/import-dataset.js');
    return importDatasetCommand(positionals[0]!, {
      project: values.project.trim(),
      layout: values.layout ?? 'auto',
      configArgs,
    });
  }
  if (values.layout !== undefined) throw new UsageError("'--layout' goes with '--labels'");
  if (url === undefined) {
    if (positionals.length === 0) throw new UsageError("missing required argument 'paths'");
    if (values.study !== undefined || values.token !== undefined)
      throw new UsageError("'--study' and '--token' go with '--from-dicomweb <url>'");
    const { importCommand } = await import('./commands/import.js');
    return importCommand(positionals, { project: values.project.trim(), configArgs });
  }
  if (positionals.length > 0) throw new UsageError("give either paths or '--from-dicomweb <url>', not both");
  if (typeof values.study !== 'string' || values.study.trim() === '')
    throw new UsageError("required option '--study <uid>' not specified (with --from-dicomweb)");
  const { importDicomwebCommand } = await import('./commands/import-dicomweb.js');
  return importDicomwebCommand({
    url,
    study: values.study.trim(),
    project: values.project.trim(),
    ...(values.token ? { token: values.token } : {}),
    configArgs,
  });
}

/** A repeatable option's values, each checked against the words it may take. */
function choices(
  values: string[] | undefined,
  name: string,
  allowed: readonly string[],
): string[] | undefined {
  if (!values || values.length === 0) return undefined;
  for (const value of values)
    if (!allowed.includes(value))
      throw new UsageError(`'--${name}' must be one of: ${allowed.join(', ')}; not '${value}'`);
  return values;
}

async function catalog(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === undefined || sub === '--help' || sub === '-h') return printHelp('catalog');
  const { values, positionals } = parse(rest, {
    modality: { type: 'string', multiple: true },
    region: { type: 'string', multiple: true },
    task: { type: 'string', multiple: true },
    annotation: { type: 'string', multiple: true },
    access: { type: 'string', multiple: true },
    license: { type: 'string', multiple: true },
    size: { type: 'string', multiple: true },
    sort: { type: 'string' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return printHelp('catalog');
  const json = values.json === true;
  const { catalogSearchCommand, catalogShowCommand } = await import('./commands/catalog.js');
  if (sub === 'show') {
    if (positionals.length !== 1) throw new UsageError('expected one id: voxelhub catalog show <id>');
    return catalogShowCommand(positionals[0]!, { json });
  }
  if (sub !== 'search') throw new UsageError(`unknown catalog command '${sub}' (search or show)`);
  const v = await import('@voxelhub/core/catalog');
  const filters = {
    modality: choices(values.modality, 'modality', v.MODALITIES),
    bodyRegion: choices(values.region, 'region', v.BODY_REGIONS),
    task: choices(values.task, 'task', v.TASKS),
    annotationType: choices(values.annotation, 'annotation', v.ANNOTATION_TYPES),
    access: choices(values.access, 'access', v.ACCESS_LEVELS),
    license: choices(values.license, 'license', v.LICENSE_FAMILIES),
    size: choices(values.size, 'size', v.SIZE_BUCKETS),
  };
  const sort = choices(values.sort === undefined ? undefined : [values.sort], 'sort', v.CATALOG_SORTS)?.[0];
  return catalogSearchCommand({
    text: positionals.join(' '),
    filters: Object.fromEntries(Object.entries(filters).filter(([, list]) => list !== undefined)),
    ...(sort ? { sort: sort as (typeof v.CATALOG_SORTS)[number] } : {}),
    json,
  });
}

async function serve(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) return printHelp('serve');
  // Loaded here, not at the top: Fastify and the database drivers are only needed to serve.
  const { ConfigError, loadConfig, startServer } = await import('@voxelhub/server');
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.env, args);
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
  const { url, notice } = await startServer({ config });
  if (notice) process.stderr.write(`${notice}\n`);
  process.stderr.write(`Voxelhub is listening on ${url}\n`);
  return await new Promise<number>(() => {
    // Runs until a signal closes the server (startServer exits the process then).
  });
}

function printHelp(command?: CommandName): number {
  process.stdout.write(command ? commandHelp(command) : HELP);
  return 0;
}

const COMMANDS: Record<CommandName, (args: string[]) => Promise<number>> = {
  catalog,
  info,
  convert,
  deid,
  import: importFiles,
  metrics,
  agreement,
  export: exportVersion,
  serve,
};

/** Runs the CLI with `argv` (without node and script) and returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (name === undefined || name === '--help' || name === '-h' || name === 'help')
      return printHelp(rest[0] as CommandName);
    if (name === '--version' || name === '-V') {
      process.stdout.write(`${VERSION}\n`);
      return 0;
    }
    const command = COMMANDS[name as CommandName];
    if (!command) throw new UsageError(`unknown command '${name}'`);
    return await command(rest);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`error: ${error.message}\n(run 'voxelhub --help' for usage)\n`);
      return 2;
    }
    // Checked by name: importing core here would load all of it before `--version` could answer.
    if (error instanceof Error && error.name === 'ImageReadError') {
      process.stderr.write(`error: ${error.message} [${(error as Error & { code: string }).code}]\n`);
      return 1;
    }
    // A DICOMweb server that is unreachable or lacks the study: the message says which; no stack.
    if (error instanceof Error && error.name === 'DicomwebError') {
      process.stderr.write(`error: ${error.message}\n`);
      return 1;
    }
    process.stderr.write(`error: ${(error as Error).stack ?? String(error)}\n`);
    return 1;
  }
}
