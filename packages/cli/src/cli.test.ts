import { execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orthancSkipped, type RunningOrthanc, startOrthanc } from '../../server/src/test-support/orthanc.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = join(ROOT, 'packages/cli/bin/voxelhub.js');
const TESTDATA = join(ROOT, '../shared/testdata');
const work = mkdtempSync(join(tmpdir(), 'voxelhub-cli-'));

/** Runs the built CLI as a user would, in its own process. */
function voxelhub(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The same, with extra environment variables. */
function voxelhubWith(env: Record<string, string>, ...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  // The CLI runs from dist: make sure it is built from the current sources (incremental, quick).
  execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-b'], { cwd: ROOT });
  execFileSync(process.execPath, [join(ROOT, 'scripts/bundle-cli.mjs')], { cwd: ROOT });
}, 120_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('voxelhub info', () => {
  it('prints one JSON object per series with geometry in LPS', () => {
    const r = voxelhub(
      'info',
      join(TESTDATA, 'dcm_qa_ct/In'),
      join(TESTDATA, 'nibabel/anatomical.nii'),
      '--json',
    );
    expect(r.code).toBe(0);
    const records = JSON.parse(r.stdout);
    expect(records).toHaveLength(2);
    const [ct, nifti] = records;
    expect(Object.keys(ct)).toEqual(
      expect.arrayContaining([
        'path',
        'format',
        'modality',
        'seriesInstanceUID',
        'dims',
        'spacing',
        'origin',
        'direction',
        'dtype',
        'frames',
        'transferSyntaxes',
        'warnings',
      ]),
    );
    // pydicom: 28 slices of 512², PixelSpacing 0.451171875, first IPP -115.5\-1.85\696.21, 5 mm apart.
    expect(ct).toMatchObject({
      format: 'dicom',
      modality: 'CT',
      dims: [512, 512, 28],
      spacing: [0.451171875, 0.451171875, 5],
      seriesNumber: 201,
      origin: [-115.5, -1.85, 696.21],
      direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
      dtype: 'int16',
      frames: 28,
      transferSyntaxes: ['1.2.840.10008.1.2.1'],
      warnings: [],
    });
    expect(ct.seriesInstanceUID).toMatch(/^[0-9.]+$/);
    // nibabel: anatomical.nii is 33x41x25 with a 2 mm grid.
    expect(nifti).toMatchObject({ format: 'nifti', dims: [33, 41, 25], spacing: [2, 2, 2] });
  });

  it('adds a fourth dimension for 4D series', () => {
    const r = voxelhub('info', join(TESTDATA, 'dcm_qa_nih/In/20180918GE'), '--json');
    expect(JSON.parse(r.stdout)[0].dims).toEqual([64, 64, 15, 10]);
  });

  it('prints a readable table without --json', () => {
    const r = voxelhub('info', join(TESTDATA, 'dcm_qa_ct/In'));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/dims\s+spacing/);
    expect(r.stdout).toMatch(/512×512×28\s+0\.451×0\.451×5/);
  });

  it('skips files that are not images with a warning and still succeeds', () => {
    const folder = join(work, 'mixed');
    mkdirSync(folder);
    copyFileSync(join(TESTDATA, 'pydicom/CT_small.dcm'), join(folder, 'ct.dcm'));
    writeFileSync(join(folder, 'notes.txt'), 'not an image');
    const r = voxelhub('info', folder, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toHaveLength(1);
    expect(r.stderr).toContain(`warning: ${join(folder, 'notes.txt')}: skipped`);
  });

  it('exits non-zero with one line naming an unreadable file, and still reports the good ones', () => {
    const folder = join(work, 'bad');
    mkdirSync(folder);
    copyFileSync(join(TESTDATA, 'pydicom/CT_small.dcm'), join(folder, 'good.dcm'));
    copyFileSync(join(TESTDATA, 'pydicom/rtplan_truncated.dcm'), join(folder, 'cut.dcm'));
    const r = voxelhub('info', folder, '--json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toHaveLength(1);
    const errors = r.stderr.split('\n').filter((l) => l.startsWith('error:'));
    expect(errors).toEqual([
      `error: ${join(folder, 'cut.dcm')}: a sequence or item runs past the end of the file [TRUNCATED]`,
    ]);
  });

  it('names a path that does not exist', () => {
    const r = voxelhub('info', join(work, 'nowhere'));
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(`error: ${join(work, 'nowhere')}: no such file or folder [IO]`);
  });
});

describe('voxelhub convert', () => {
  it('writes .nii with --uncompressed and .nii.gz by default, each with a sidecar', () => {
    const out = join(work, 'conv');
    const input = join(TESTDATA, 'dcm_qa_nih/In/20180918Si/mr_0003');
    expect(voxelhub('convert', input, '-o', out, '--uncompressed').code).toBe(0);
    expect(voxelhub('convert', input, '-o', out).code).toBe(0);
    expect(existsSync(join(out, 'EPI_PE_AP_3.nii'))).toBe(true);
    expect(existsSync(join(out, 'EPI_PE_AP_3.json'))).toBe(true);
    // The second run does not overwrite the first image's sidecar name with another image.
    expect(existsSync(join(out, 'EPI_PE_AP_3.nii.gz'))).toBe(true);
    const gz = readFileSync(join(out, 'EPI_PE_AP_3.nii.gz'));
    expect([gz[0], gz[1]]).toEqual([0x1f, 0x8b]);
  });

  it('requires an output folder', () => {
    const r = voxelhub('convert', join(TESTDATA, 'pydicom/CT_small.dcm'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/required option '-o, --output <folder>'/);
  });
});

describe('voxelhub import', () => {
  it('imports into a project, skips non-images, names bad files, and is idempotent', () => {
    const dataDir = join(work, 'import-data');
    const env = { VOXELHUB_ADMIN_PASSWORD: 'correct horse battery' };
    const args = ['--project', 'head CT', '--data-dir', dataDir];
    const first = voxelhubWith(
      env,
      'import',
      join(TESTDATA, 'dcm_qa_ct'),
      join(TESTDATA, 'pydicom/rtplan_truncated.dcm'),
      ...args,
    );
    expect(first.code).toBe(1);
    expect(first.stdout.trim()).toBe('28 imported, 0 already there, 1 failed, 2 skipped (not images)');
    expect(first.stderr).toContain("created project 'head CT'");
    expect(first.stderr).toContain(
      `error: ${join(TESTDATA, 'pydicom/rtplan_truncated.dcm')}: a sequence or item runs past the end of the file [TRUNCATED]`,
    );
    expect(first.stderr).toMatch(/warning: .*dcm_qa_ct\/LICENSE: skipped/);
    const again = voxelhubWith(env, 'import', join(TESTDATA, 'dcm_qa_ct/In'), ...args);
    expect(again.code).toBe(0);
    expect(again.stdout.trim()).toBe('0 imported, 28 already there, 0 failed');
  });

  it('requires a project', () => {
    const r = voxelhub('import', join(TESTDATA, 'pydicom/CT_small.dcm'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/required option '--project <name>'/);
  });
});

describe.skipIf(orthancSkipped('voxelhub import --from-dicomweb'))('voxelhub import --from-dicomweb', () => {
  let orthanc: RunningOrthanc;
  let study: string;
  beforeAll(async () => {
    orthanc = await startOrthanc();
    const series = join(TESTDATA, 'pydicom/dicomdirtests/98892001/CT5N');
    for (const name of readdirSync(series)) await orthanc.uploadInstance(readFileSync(join(series, name)));
    const studies = (await (await fetch(`${orthanc.url}/studies?expand`)).json()) as {
      MainDicomTags: { StudyInstanceUID: string };
    }[];
    study = studies[0]!.MainDicomTags.StudyInstanceUID;
  }, 60_000);
  afterAll(() => orthanc?.stop());

  /** Spawned asynchronously: Orthanc answers from this process's event loop's point of view. */
  function voxelhubAsync(
    ...args: string[]
  ): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [BIN, ...args], {
        env: { ...process.env, VOXELHUB_ADMIN_PASSWORD: 'correct horse battery' },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
      });
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
  }

  it('imports a study from a DICOMweb server, and nothing new the second time', async () => {
    const args = ['--from-dicomweb', orthanc.dicomWebUrl, '--study', study, '--project', 'from PACS'];
    const dataDir = ['--data-dir', join(work, 'dicomweb-data')];
    const first = await voxelhubAsync('import', ...args, ...dataDir);
    expect(first.stderr).toContain("created project 'from PACS'");
    expect(first.stdout.trim()).toBe('5 imported, 0 already there, 0 failed');
    expect(first.code).toBe(0);
    const again = await voxelhubAsync('import', ...args, ...dataDir);
    expect(again.stdout.trim()).toBe('0 imported, 5 already there, 0 failed');
  });

  it('says what is wrong with an unknown study, and wants --study', async () => {
    const unknown = await voxelhubAsync(
      'import',
      '--from-dicomweb',
      orthanc.dicomWebUrl,
      '--study',
      '1.2.3',
      '--project',
      'p',
      '--data-dir',
      join(work, 'dicomweb-data'),
    );
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('has no instances of study 1.2.3');
    const r = voxelhub('import', '--from-dicomweb', orthanc.dicomWebUrl, '--project', 'p');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/required option '--study <uid>'/);
  });
});

describe('voxelhub serve', () => {
  it('listens and answers the health check, then stops on SIGTERM', async () => {
    const dataDir = join(work, 'server-data');
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--host', '127.0.0.1'], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, VOXELHUB_DATA: dataDir, VOXELHUB_LOG_LEVEL: 'warn' },
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let err = '';
        child.stderr.on('data', (chunk: Buffer) => {
          err += chunk.toString();
          const match = /listening on (http:\/\/\S+)/.exec(err);
          if (match) resolve(match[1]!);
        });
        child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${err}`)));
      });
      const res = await fetch(`${url}/api/health`);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ status: 'ok', database: 'sqlite' });
      // First start: the data folder and database exist, and the generated admin password is shown once.
      expect(existsSync(join(dataDir, 'voxelhub.sqlite'))).toBe(true);
      expect(stderr).toMatch(/Created the admin account\. Sign in as 'admin' with this password/);
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
  });
});

describe('voxelhub', () => {
  it('prints help without arguments', () => {
    const r = voxelhub();
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Usage: voxelhub/);
    expect(r.stdout).toMatch(/info/);
    expect(r.stdout).toMatch(/convert/);
  });

  it('rejects an unknown command', () => {
    expect(voxelhub('frobnicate').code).toBe(2);
  });
});
