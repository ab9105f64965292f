import { readFile } from 'node:fs/promises';
import { decodeFrame, deidentifyPart10, parseDicom } from '@voxelhub/core';
import { decode as decodePng } from 'fast-png';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { importFile } from '../import/import-file.js';
import { CT_SMALL, ctSeriesFiles, MR_SMALL } from '../import/import-test-files.js';
import { eachDialect } from '../storage/test-databases.js';
import { type Caller, createProjectFixture, type ProjectFixture } from '../test-support/project-fixture.js';

const readBytes = async (path: string) => new Uint8Array(await readFile(path));
// A rule that holds every CT and blanks a band across its top, like an ultrasound header band.
const CT_BAND = { name: 'CT top band', modality: 'CT', blank: [{ x: 0, y: 0, width: 128, height: 8 }] };

eachDialect('de-identification routes', (context) => {
  let project: ProjectFixture;
  const ctx = () => ({ db: context.database.db, blobs: project.blobs, vault: project.vault });

  beforeAll(async () => {
    project = await createProjectFixture(context.database, {
      requireDeidentification: true,
      settings: { deidentification: { options: ['cleanDescriptors'], burnedInRules: [CT_BAND] } },
    });
  });
  afterAll(() => project?.close());

  it('imports an MR under a pseudonym, with the mapping readable by owners only', async () => {
    const outcome = await importFile(ctx(), project.projectId, {
      name: 'mr.dcm',
      bytes: await readBytes(MR_SMALL),
    });
    expect(outcome).toMatchObject({ status: 'imported' });
    const original = parseDicom(await readBytes(MR_SMALL)).dataSet;
    const expected: Partial<Record<Caller, number>> = {
      owner: 200,
      admin: 200,
      manager: 403,
      annotator: 403,
      reviewer: 403,
      viewer: 403,
      outsider: 404,
      anonymous: 401,
    };
    for (const [caller, status] of Object.entries(expected)) {
      const response = await project.as(caller as Caller, {
        url: `/api/projects/${project.projectId}/pseudonyms`,
      });
      expect([caller, response.statusCode]).toEqual([caller, status]);
    }
    const { subjects } = (
      await project.as('owner', { url: `/api/projects/${project.projectId}/pseudonyms` })
    ).json() as { subjects: { pseudonym: string; patientId: string }[] };
    expect(subjects).toEqual([expect.objectContaining({ patientId: original.string('x00100020')?.trim() })]);
    const subject = await context.database.db
      .selectFrom('subjects')
      .select('pseudonym')
      .where('project_id', '=', project.projectId)
      .executeTakeFirstOrThrow();
    expect(subject.pseudonym).toBe(subjects[0]!.pseudonym);
    const audit = await context.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('project_id', '=', project.projectId)
      .where('action', '=', 'pseudonyms.export')
      .execute();
    expect(audit.length).toBeGreaterThanOrEqual(2); // owner and admin
  });

  it('gives owners the project key, and lets only them change de-identification', async () => {
    const key = await project.as('owner', { url: `/api/projects/${project.projectId}/deidentification/key` });
    expect(key.json().key).toMatch(/^[0-9a-f]{64}$/);
    expect(Buffer.from(await project.vault.key(project.projectId)).toString('hex')).toBe(key.json().key);
    // Anyone holding the key (voxelhub deid --key-file) gets the UIDs and pseudonym the project stored.
    const copy = await deidentifyPart10(await readBytes(MR_SMALL), {
      key: new Uint8Array(Buffer.from(key.json().key, 'hex')),
      options: ['cleanDescriptors'],
    });
    const stored = await context.database.db
      .selectFrom('images')
      .innerJoin('series', 'series.id', 'images.series_id')
      .innerJoin('studies', 'studies.id', 'series.study_id')
      .innerJoin('subjects', 'subjects.id', 'studies.subject_id')
      .select(['images.sop_instance_uid', 'subjects.pseudonym'])
      .where('images.project_id', '=', project.projectId)
      .executeTakeFirstOrThrow();
    const { dataSet } = parseDicom(copy);
    expect(dataSet.string('x00080018')).toBe(stored.sop_instance_uid);
    expect(dataSet.string('x00100020')).toBe(stored.pseudonym);
    const url = `/api/projects/${project.projectId}`;
    const off = { requireDeidentification: false };
    expect((await project.as('manager', { method: 'PATCH', url, payload: off })).statusCode).toBe(403);
    // A manager may still change other settings, and doing so leaves de-identification as it was.
    const reading = await project.as('manager', {
      method: 'PATCH',
      url,
      payload: { settings: { reading: 'open' } },
    });
    expect(reading.statusCode).toBe(200);
    expect(reading.json().settings.deidentification).toEqual({
      options: ['cleanDescriptors'],
      burnedInRules: [CT_BAND],
    });
    expect(reading.json().requireDeidentification).toBe(true);
    const bad = await project.as('owner', {
      method: 'PATCH',
      url,
      payload: { settings: { deidentification: { options: ['retainEverything'] } } },
    });
    expect(bad.statusCode).toBe(400);
  });

  it('holds an image a burned-in rule matches, blanked and out of sight until a manager accepts it', async () => {
    const outcome = await importFile(ctx(), project.projectId, {
      name: 'ct.dcm',
      bytes: await readBytes(CT_SMALL),
    });
    expect(outcome.status).toBe('imported');
    expect(outcome.imageId).toBeUndefined();
    expect(outcome.heldId).toBeDefined();
    // Not an image of the project yet.
    const images = await project.as('owner', { url: `/api/projects/${project.projectId}/images` });
    expect(images.json().images.map((i: { format: string }) => i.format)).toEqual(['dicom']); // the MR only
    const annotator = await project.as('annotator', {
      url: `/api/projects/${project.projectId}/held-images`,
    });
    expect(annotator.statusCode).toBe(403);
    const list = await project.as('manager', { url: `/api/projects/${project.projectId}/held-images` });
    expect(list.json().heldImages).toEqual([
      expect.objectContaining({
        id: outcome.heldId,
        modality: 'CT',
        reasons: [expect.stringContaining('CT top band')],
        blanked: CT_BAND.blank,
      }),
    ]);
    const preview = await project.as('manager', {
      url: `/api/projects/${project.projectId}/held-images/${outcome.heldId}/preview`,
    });
    expect(preview.headers['content-type']).toBe('image/png');
    expect(preview.rawPayload.subarray(1, 4).toString()).toBe('PNG');
    // The contrast comes from the pixels outside the blanked band, so the rest is not washed out.
    const shown = decodePng(preview.rawPayload).data;
    const below = Array.from(shown.subarray(128 * 8));
    expect(Math.max(...below) - Math.min(...below)).toBeGreaterThan(200);

    // The stored copy is already blanked in the configured band.
    const held = await context.database.db
      .selectFrom('held_images')
      .select('blob_key')
      .where('id', '=', outcome.heldId!)
      .executeTakeFirstOrThrow();
    const stored = parseDicom(await project.blobs.getBytes(held.blob_key));
    const frame = await decodeFrame(stored.dataSet, stored.transferSyntaxUID, 0);
    const original = parseDicom(await readBytes(CT_SMALL));
    const before = await decodeFrame(original.dataSet, original.transferSyntaxUID, 0);
    expect(new Set(frame.pixels.subarray(0, 128 * 8)).size).toBe(1);
    expect(new Set(before.pixels.subarray(0, 128 * 8)).size).toBeGreaterThan(1);
    expect(frame.pixels.subarray(128 * 8)).toEqual(before.pixels.subarray(128 * 8));

    // The reviewer blanks one more region and accepts: the image appears, the held copy's bytes go.
    const accepted = await project.as('manager', {
      method: 'POST',
      url: `/api/projects/${project.projectId}/held-images/${outcome.heldId}/accept`,
      payload: { blank: [{ x: 100, y: 100, width: 20, height: 20 }] },
    });
    expect(accepted.statusCode).toBe(200);
    expect(await project.blobs.has(held.blob_key)).toBe(false);
    const after = await project.as('owner', { url: `/api/projects/${project.projectId}/images` });
    expect(after.json().images).toHaveLength(2);
    const audit = await context.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_id', '=', outcome.heldId!)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['held-image.accept']);
  });

  it('deletes a rejected image with its bytes', async () => {
    const [first] = await ctSeriesFiles();
    const bytes = await readBytes(first!);
    const outcome = await importFile(ctx(), project.projectId, { name: 'ct-2.dcm', bytes });
    const held = await context.database.db
      .selectFrom('held_images')
      .select('blob_key')
      .where('id', '=', outcome.heldId!)
      .executeTakeFirstOrThrow();
    const rejected = await project.as('owner', {
      method: 'POST',
      url: `/api/projects/${project.projectId}/held-images/${outcome.heldId}/reject`,
    });
    expect(rejected.statusCode).toBe(204);
    expect(await project.blobs.has(held.blob_key)).toBe(false);
    const list = await project.as('owner', { url: `/api/projects/${project.projectId}/held-images` });
    expect(list.json().heldImages).toEqual([]);
  });
});
