import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProjectVault } from './project-vault.js';

const tempRoot = () => mkdtemp(join(tmpdir(), 'voxelhub-vault-'));
const subject = (pseudonym: string, patientId: string) => ({
  pseudonym,
  patientId,
  patientName: `Name^${patientId}`,
  issuerOfPatientId: '',
});

describe('ProjectVault', () => {
  it('makes one key per project, kept across instances and agreed on by concurrent first uses', async () => {
    const root = await tempRoot();
    const project = randomUUID();
    const racers = [new ProjectVault(root), new ProjectVault(root), new ProjectVault(root)];
    const keys = await Promise.all(racers.map((vault) => vault.key(project)));
    expect(keys[0]).toHaveLength(32);
    for (const key of keys) expect(Buffer.from(key).equals(Buffer.from(keys[0]!))).toBe(true);
    const again = await new ProjectVault(root).key(project);
    expect(Buffer.from(again).equals(Buffer.from(keys[0]!))).toBe(true);
    const other = await new ProjectVault(root).key(randomUUID());
    expect(Buffer.from(other).equals(Buffer.from(keys[0]!))).toBe(false);
    // Readable by the server's user only.
    expect((await stat(join(root, project, 'key'))).mode & 0o777).toBe(0o600);
    expect((await stat(join(root, project))).mode & 0o777).toBe(0o700);
  });

  it('keeps each mapping once, across instances', async () => {
    const root = await tempRoot();
    const project = randomUUID();
    const vault = new ProjectVault(root);
    await vault.recordSubjects(project, [subject('VXH-B', 'P2'), subject('VXH-A', 'P1')]);
    await vault.recordSubjects(project, [subject('VXH-A', 'P1')]);
    await new ProjectVault(root).recordSubjects(project, [subject('VXH-A', 'P1'), subject('VXH-C', 'P3')]);
    expect(await new ProjectVault(root).subjects(project)).toEqual([
      subject('VXH-A', 'P1'),
      subject('VXH-B', 'P2'),
      subject('VXH-C', 'P3'),
    ]);
    const lines = (await readFile(join(root, project, 'subjects.jsonl'), 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(3);
  });

  it('refuses anything but a project id as a folder name', async () => {
    const vault = new ProjectVault(await tempRoot());
    await expect(vault.key('../etc')).rejects.toThrow(/not a project id/);
    await expect(vault.subjects('a/b')).rejects.toThrow(/not a project id/);
  });
});
