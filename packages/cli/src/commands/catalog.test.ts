import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../main.js';
import { capturedRun } from '../test-support/captured-run.js';

/** `voxelhub catalog` over the repository's own catalog/ (found by walking up from the command's file). */
const run = (...argv: string[]) => capturedRun(() => main(argv));

describe('voxelhub catalog', () => {
  const saved = process.env.VOXELHUB_CATALOG;
  afterEach(() => {
    if (saved === undefined) delete process.env.VOXELHUB_CATALOG;
    else process.env.VOXELHUB_CATALOG = saved;
  });

  it('finds the kidney tumour CT datasets for "CT kidney segmentation", with licenses and sizes', async () => {
    const { code, stdout } = await run('catalog', 'search', 'CT kidney segmentation');
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[0]).toMatch(/^id\s+name\s+modality\s+tasks\s+subjects\s+license\s+access$/);
    expect(lines.some((line) => /^kits\d\d/.test(line))).toBe(true);
    // Every hit is a CT dataset with kidney in it and segmentation among its tasks.
    const json = await run('catalog', 'search', 'CT kidney segmentation', '--json');
    const hits = JSON.parse(json.stdout) as { modalities: string[]; tasks: string[]; license: string }[];
    expect(hits.length).toBeGreaterThan(0);
    for (const hit of hits) {
      expect(hit.modalities).toContain('ct');
      expect(hit.tasks).toContain('segmentation');
      expect(hit.license.length).toBeGreaterThan(0);
    }
  });

  it('narrows by --modality and --task, and exits 1 when nothing matches', async () => {
    const mr = await run(
      'catalog',
      'search',
      'brain',
      '--modality',
      'mri',
      '--task',
      'segmentation',
      '--json',
    );
    expect(mr.code).toBe(0);
    for (const hit of JSON.parse(mr.stdout) as { modalities: string[] }[])
      expect(hit.modalities).toContain('mri');
    const none = await run('catalog', 'search', 'qwertyuiop');
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/no dataset matches/);
  });

  it('shows one entry in full, with the sources its facts were checked against', async () => {
    const found = await run('catalog', 'search', 'kidney', '--modality', 'ct', '--json');
    const id = (JSON.parse(found.stdout) as { id: string }[])[0]!.id;
    const { code, stdout } = await run('catalog', 'show', id);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^License\s+\S/m);
    expect(stdout).toMatch(/Checked against:\n {2}https?:\/\//);
    const json = await run('catalog', 'show', id, '--json');
    expect(JSON.parse(json.stdout).id).toBe(id);
    const missing = await run('catalog', 'show', 'no-such-dataset');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no entry 'no-such-dataset'/);
  });

  it('names the bad file when the catalog is broken', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'voxelhub-catalog-bad-'));
    try {
      mkdirSync(join(folder, 'datasets'));
      writeFileSync(join(folder, 'datasets', 'broken.json'), '{"id": "broken"');
      process.env.VOXELHUB_CATALOG = folder;
      const { code, stderr } = await run('catalog', 'search', 'x');
      expect(code).not.toBe(0);
      expect(stderr).toContain('broken.json: not JSON');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('refuses an unknown facet value with the values it knows', async () => {
    const { code, stderr } = await run('catalog', 'search', 'x', '--modality', 'xrays');
    expect(code).toBe(2);
    expect(stderr).toMatch(/'--modality' must be one of: xray, mammography, ct/);
  });
});
