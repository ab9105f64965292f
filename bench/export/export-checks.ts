import { execFile } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { findExecutable } from '../harness/find-executable.js';
import { runOnce } from '../harness/process-runs.js';
import { type ExportOutputs, nnunetFilesUnder, PYTHON } from './export-commands.js';

interface VolumeAgreement {
  readonly shape: [number[], number[]];
  readonly affine_max_difference_mm: number;
  readonly voxels_differing?: number;
  readonly max_abs_difference?: number;
  readonly range?: [number, number];
}

/** What check-exports.py prints. */
export interface ExportAgreement {
  readonly image: VolumeAgreement;
  readonly label: VolumeAgreement;
  readonly dataset_json_labels_equal: boolean;
  readonly seg: {
    readonly frames: [number, number];
    readonly segments: [number, number];
    readonly segment_labels_equal: boolean;
    readonly referenced_instances: [number, number];
    readonly frame_refs_equal: boolean;
    readonly pixel_data_equal: boolean;
    readonly set_voxels: number;
  };
}

/** Compares our files with the peers' in check-exports.py (nibabel and pydicom). */
export async function compareExports(repoRoot: string, outputs: ExportOutputs): Promise<ExportAgreement> {
  const ours = nnunetFilesUnder(outputs.oursNnunetRoot);
  const peer = nnunetFilesUnder(outputs.peerNnunet);
  const { stdout } = await runOnce(
    {
      label: 'check-exports.py',
      file: PYTHON,
      args: [
        join(repoRoot, 'bench', 'export', 'check-exports.py'),
        ours.image,
        peer.image,
        ours.label,
        peer.label,
        ours.datasetJson,
        peer.datasetJson,
        outputs.oursSeg,
        outputs.peerSeg,
      ],
    },
    true,
  );
  return JSON.parse(stdout) as ExportAgreement;
}

const count = (n: number) => n.toLocaleString('en-US');

function describeVolume(what: string, a: VolumeAgreement): string {
  const [ours, peer] = a.shape;
  if (a.voxels_differing === undefined) {
    return `${what}: shapes DIFFER (${ours.join('×')} vs ${peer.join('×')})`;
  }
  const voxels = ours.reduce((p, n) => p * n, 1);
  const verdict = a.voxels_differing === 0 ? 'identical' : `DIFFER (largest ${a.max_abs_difference})`;
  return `${what}: ${ours.join('×')}, ${count(a.voxels_differing)} of ${count(voxels)} voxels differ — ${verdict}; values ${a.range?.join('…')}; affines differ by ${a.affine_max_difference_mm} mm`;
}

export function describeAgreement(a: ExportAgreement): string[] {
  const s = a.seg;
  const same = (ok: boolean) => (ok ? 'identical' : 'DIFFER');
  return [
    describeVolume(
      'nnU-Net image, ours vs dcm2niix (nibabel, both in RAS order, scl_inter applied)',
      a.image,
    ),
    describeVolume('nnU-Net label map, ours vs nibabel', a.label),
    `dataset.json labels, ours vs the peer's: ${same(a.dataset_json_labels_equal)}`,
    `DICOM SEG, ours vs pydicom (read by pydicom): frames ${s.frames.join(' / ')}, segments ${s.segments.join(' / ')}, referenced instances ${s.referenced_instances.join(' / ')}; segment labels ${same(s.segment_labels_equal)}; each frame's segment, position and source instance ${same(s.frame_refs_equal)}; packed pixels ${same(s.pixel_data_equal)} (${count(s.set_voxels)} set bits)`,
  ];
}

export interface DciodvfyResult {
  readonly errors: number;
  readonly warnings: number;
  /** The distinct error lines (at most 5). */
  readonly errorLines: string[];
}

/**
 * dciodvfy's verdict on one file: it prints its findings on stderr and exits non-zero on errors.
 * Undefined without dciodvfy or without the file (its side failed or was skipped).
 */
export async function dciodvfy(file: string): Promise<DciodvfyResult | undefined> {
  const tool = await findExecutable('dciodvfy');
  const exists = await stat(file).then(
    () => true,
    () => false,
  );
  if (!tool || !exists) return undefined;
  const output = await new Promise<string>((resolve) => {
    execFile(tool, [file], { maxBuffer: 64 * 1024 * 1024 }, (_error, stdout, stderr) =>
      resolve(`${stdout}\n${stderr}`),
    );
  });
  const lines = output.split('\n');
  const errors = lines.filter((l) => l.startsWith('Error'));
  return {
    errors: errors.length,
    warnings: lines.filter((l) => l.startsWith('Warning')).length,
    errorLines: [...new Set(errors)].slice(0, 5),
  };
}

export function describeDciodvfy(what: string, result: DciodvfyResult | undefined): string[] {
  if (!result) return [`dciodvfy ${what}: skipped (dciodvfy is not on PATH, or no file to check)`];
  return [
    `dciodvfy ${what}: ${result.errors} errors, ${result.warnings} warnings`,
    ...result.errorLines.map((l) => `    ${l.slice(0, 200)}`),
  ];
}

interface NnunetSizes {
  readonly image: number;
  readonly label: number;
  readonly datasetJson: number;
}

export interface ExportSizes {
  readonly oursNnunet: NnunetSizes;
  readonly peerNnunet: NnunetSizes;
  readonly seg: { readonly ours: number; readonly pydicom: number };
}

/** The bytes each side wrote, file by file. */
export async function outputSizes(outputs: ExportOutputs): Promise<ExportSizes> {
  const size = (path: string) =>
    stat(path).then(
      (s) => s.size,
      () => 0,
    );
  const nnunet = async (root: string): Promise<NnunetSizes> => {
    const files = nnunetFilesUnder(root);
    return {
      image: await size(files.image),
      label: await size(files.label),
      datasetJson: await size(files.datasetJson),
    };
  };
  return {
    oursNnunet: await nnunet(outputs.oursNnunetRoot),
    peerNnunet: await nnunet(outputs.peerNnunet),
    seg: { ours: await size(outputs.oursSeg), pydicom: await size(outputs.peerSeg) },
  };
}
