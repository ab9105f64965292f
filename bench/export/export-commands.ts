import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findExecutable } from '../harness/find-executable.js';
import { type Command, nodeEnvironment, runOnce } from '../harness/process-runs.js';
import type { CtWithOrgans } from './ct-with-organs.js';
import { CASE_NAME, NNUNET_FOLDER } from './export-case.js';

export const PYTHON = '/usr/bin/python3';

/** Where each side writes, under bench/out/export/: emptied before every run. */
export interface ExportOutputs {
  /** The folder our child writes into; the dataset folder is oursNnunetRoot inside it. */
  readonly oursNnunet: string;
  readonly oursNnunetRoot: string;
  /** The peer's dataset folder: dcm2niix writes imagesTr, the nibabel script labelsTr and dataset.json. */
  readonly peerNnunet: string;
  readonly oursSeg: string;
  readonly peerSeg: string;
}

export function exportOutputs(scratch: string): ExportOutputs {
  return {
    oursNnunet: join(scratch, 'ours-nnunet'),
    oursNnunetRoot: join(scratch, 'ours-nnunet', NNUNET_FOLDER),
    peerNnunet: join(scratch, 'peer-nnunet', NNUNET_FOLDER),
    oursSeg: join(scratch, 'ours-seg.dcm'),
    peerSeg: join(scratch, 'peer-seg.dcm'),
  };
}

/** The files an nnU-Net export leaves under its dataset folder. */
export function nnunetFilesUnder(root: string) {
  return {
    image: join(root, 'imagesTr', `${CASE_NAME}_0000.nii.gz`),
    label: join(root, 'labelsTr', `${CASE_NAME}.nii.gz`),
    datasetJson: join(root, 'dataset.json'),
  };
}

type MaybeCommand = Command | { readonly skipped: string };

export interface ExportCommands {
  readonly oursNnunet: Command;
  readonly oursSeg: Command;
  /** dcm2niix writes the image; then the nibabel script writes the label map and dataset.json. */
  readonly dcm2niix: MaybeCommand;
  readonly nibabelLabels: MaybeCommand;
  readonly pydicomSeg: MaybeCommand;
}

/** A child script beside this module (tsc's bench/dist/export/). */
async function child(name: string): Promise<string> {
  const path = fileURLToPath(new URL(`./${name}`, import.meta.url));
  await access(path);
  return path;
}

async function pythonHas(modules: string): Promise<string | undefined> {
  try {
    await runOnce({ label: 'python check', file: PYTHON, args: ['-c', `import ${modules}`] });
    return undefined;
  } catch (error) {
    return `${PYTHON} cannot import ${modules} (${(error as Error).message})`;
  }
}

export async function exportCommands(
  repoRoot: string,
  data: CtWithOrgans,
  outputs: ExportOutputs,
): Promise<ExportCommands> {
  const inputs = [data.seriesFolder, data.mask, data.labels];
  const script = (name: string) => join(repoRoot, 'bench', 'export', name);
  const dcm2niix = await findExecutable('dcm2niix');
  const noNibabel = await pythonHas('nibabel, numpy');
  const noPydicom = await pythonHas('pydicom, nibabel, numpy');
  const peerImage = nnunetFilesUnder(outputs.peerNnunet).image;
  return {
    oursNnunet: {
      label: 'ours nnU-Net',
      file: process.execPath,
      args: [await child('ours-nnunet.js'), ...inputs, outputs.oursNnunet],
      env: nodeEnvironment(),
    },
    oursSeg: {
      label: 'ours DICOM SEG',
      file: process.execPath,
      args: [await child('ours-dicom-seg.js'), ...inputs, outputs.oursSeg],
      env: nodeEnvironment(),
    },
    dcm2niix: dcm2niix
      ? {
          label: 'dcm2niix',
          file: dcm2niix,
          // -b n: no BIDS sidecar, so that both sides write the same files.
          args: [
            '-z',
            'y',
            '-b',
            'n',
            '-f',
            `${CASE_NAME}_0000`,
            '-o',
            join(outputs.peerNnunet, 'imagesTr'),
            data.seriesFolder,
          ],
        }
      : { skipped: 'dcm2niix is not on PATH' },
    nibabelLabels: noNibabel
      ? { skipped: noNibabel }
      : {
          label: 'nibabel labels',
          file: PYTHON,
          args: [
            script('nibabel-labels.py'),
            data.mask,
            data.labels,
            peerImage,
            outputs.peerNnunet,
            CASE_NAME,
          ],
        },
    pydicomSeg: noPydicom
      ? { skipped: noPydicom }
      : {
          label: 'pydicom SEG',
          file: PYTHON,
          args: [script('pydicom-seg.py'), ...inputs, outputs.peerSeg],
        },
  };
}
