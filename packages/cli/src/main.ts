import { ImageReadError } from '@voxelhub/core';
import { Command, CommanderError } from 'commander';
import { convertCommand } from './commands/convert.js';
import { infoCommand } from './commands/info.js';

const VERSION = '0.1.0';

function program(setExit: (code: number) => void): Command {
  const cli = new Command('voxelhub')
    .description('Voxelhub: medical image I/O, annotation and datasets from the command line')
    .version(VERSION)
    .exitOverride()
    .showHelpAfterError();
  cli
    .command('info')
    .description('describe every DICOM series, NIfTI, PNG and JPEG image under the paths')
    .argument('<paths...>', 'files or folders (searched recursively)')
    .option('--json', 'print a JSON array, one object per series or volume')
    .action(async (paths: string[], options: { json?: boolean }) =>
      setExit(await infoCommand(paths, options)),
    );
  cli
    .command('convert')
    .description('convert each series or volume to NIfTI (.nii.gz) with a JSON sidecar, like dcm2niix')
    .argument('<paths...>', 'files or folders (searched recursively)')
    .requiredOption('-o, --output <folder>', 'folder to write into (created if missing)')
    .option('--uncompressed', 'write .nii instead of .nii.gz')
    .action(async (paths: string[], options: { output: string; uncompressed?: boolean }) =>
      setExit(await convertCommand(paths, options)),
    );
  return cli;
}

/** Runs the CLI with `argv` (without node and script) and returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  let code = 0;
  const cli = program((c) => {
    code = c;
  });
  if (argv.length === 0) {
    cli.outputHelp();
    return 0;
  }
  try {
    await cli.parseAsync(argv, { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof ImageReadError) {
      process.stderr.write(`error: ${error.message} [${error.code}]\n`);
      return 1;
    }
    process.stderr.write(`error: ${(error as Error).stack ?? String(error)}\n`);
    return 1;
  }
}
