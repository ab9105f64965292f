import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_BURNED_IN_RULES } from '@voxelhub/core';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertTestUser } from '../auth/auth-test-app.js';
import { importFile } from '../import/import-file.js';
import { CT_SMALL, pngBytes, TESTDATA } from '../import/import-test-files.js';
import { eachDialect } from '../storage/test-databases.js';
import {
  CALLERS,
  type Caller,
  createProjectFixture,
  type ProjectFixture,
} from '../test-support/project-fixture.js';
import { DEFAULT_IMPORT_DEID_OPTIONS } from './project-settings.js';

/**
 * Each route of the project feature, tried by every caller. A route's `request` builds a fresh request
 * per caller, so that destructive calls (deleting a label, a member) act on their own target.
 */
interface RouteCase {
  readonly name: string;
  /** Callers allowed through; every other member role gets 403, outsiders 404, anonymous 401. */
  readonly allowed: readonly Caller[];
  readonly ok: number;
  request(f: ProjectFixture, caller: Caller): Promise<InjectOptions>;
}

const EVERY_ROLE: readonly Caller[] = ['owner', 'manager', 'annotator', 'reviewer', 'viewer', 'admin'];
const MANAGERS: readonly Caller[] = ['owner', 'manager', 'admin'];

const SEGMENTATION = join(TESTDATA, 'highdicom/seg_image_ct_binary.dcm');

let labelCounter = 0;
async function freshLabel(f: ProjectFixture): Promise<string> {
  const id = randomUUID();
  labelCounter += 1;
  await f.database.db
    .insertInto('labels')
    .values({
      id,
      project_id: f.projectId,
      name: `fresh-${labelCounter}-${id}`,
      type: 'box',
      colour: '#123456',
    })
    .execute();
  return id;
}

/** A fresh label with one example image, stored as the upload route stores it. */
async function freshExample(f: ProjectFixture): Promise<{ labelId: string; exampleId: string }> {
  const labelId = await freshLabel(f);
  const exampleId = randomUUID();
  const { key } = await f.blobs.put(pngBytes(4, 3));
  await f.database.db
    .insertInto('label_examples')
    .values({ id: exampleId, label_id: labelId, blob_key: key, media_type: 'image/png', width: 4, height: 3 })
    .execute();
  return { labelId, exampleId };
}

const base = (f: ProjectFixture) => `/api/projects/${f.projectId}`;

const ROUTES: readonly RouteCase[] = [
  {
    name: 'GET project',
    allowed: EVERY_ROLE,
    ok: 200,
    request: async (f) => ({ method: 'GET', url: base(f) }),
  },
  {
    name: 'PATCH project',
    allowed: MANAGERS,
    ok: 200,
    request: async (f) => ({ method: 'PATCH', url: base(f), payload: { description: 'changed' } }),
  },
  {
    name: 'GET members',
    allowed: ['owner', 'manager', 'reviewer', 'admin'],
    ok: 200,
    request: async (f) => ({ method: 'GET', url: `${base(f)}/members` }),
  },
  {
    name: 'POST member',
    allowed: MANAGERS,
    ok: 200,
    request: async (f) => ({
      method: 'POST',
      url: `${base(f)}/members`,
      payload: { userId: (await insertTestUser(f.database)).id, role: 'viewer' },
    }),
  },
  {
    name: 'PATCH member',
    allowed: MANAGERS,
    ok: 200,
    request: async (f) => {
      const member = await f.addMember('viewer');
      return { method: 'PATCH', url: `${base(f)}/members/${member.id}`, payload: { role: 'annotator' } };
    },
  },
  {
    name: 'DELETE member',
    allowed: MANAGERS,
    ok: 204,
    request: async (f) => {
      const member = await f.addMember('viewer');
      return { method: 'DELETE', url: `${base(f)}/members/${member.id}` };
    },
  },
  {
    name: 'GET labels',
    allowed: EVERY_ROLE,
    ok: 200,
    request: async (f) => ({ method: 'GET', url: `${base(f)}/labels` }),
  },
  {
    name: 'POST label',
    allowed: MANAGERS,
    ok: 201,
    request: async (f, caller) => ({
      method: 'POST',
      url: `${base(f)}/labels`,
      payload: { name: `new-${caller}-${randomUUID()}`, type: 'point', colour: '#00FF00' },
    }),
  },
  {
    name: 'PATCH label',
    allowed: MANAGERS,
    ok: 200,
    request: async (f) => ({
      method: 'PATCH',
      url: `${base(f)}/labels/${await freshLabel(f)}`,
      payload: { guideline: 'Outline the whole organ.' },
    }),
  },
  {
    name: 'DELETE label',
    allowed: MANAGERS,
    ok: 204,
    request: async (f) => ({ method: 'DELETE', url: `${base(f)}/labels/${await freshLabel(f)}` }),
  },
  {
    name: 'POST label example',
    allowed: MANAGERS,
    ok: 201,
    request: async (f) => ({
      method: 'POST',
      url: `${base(f)}/labels/${await freshLabel(f)}/examples?caption=typical`,
      headers: { 'content-type': 'image/png' },
      payload: Buffer.from(pngBytes(8, 6)),
    }),
  },
  {
    name: 'GET label example',
    allowed: EVERY_ROLE,
    ok: 200,
    request: async (f) => {
      const { labelId, exampleId } = await freshExample(f);
      return { method: 'GET', url: `${base(f)}/labels/${labelId}/examples/${exampleId}` };
    },
  },
  {
    name: 'DELETE label example',
    allowed: MANAGERS,
    ok: 204,
    request: async (f) => {
      const { labelId, exampleId } = await freshExample(f);
      return { method: 'DELETE', url: `${base(f)}/labels/${labelId}/examples/${exampleId}` };
    },
  },
  {
    name: 'GET studies',
    allowed: EVERY_ROLE,
    ok: 200,
    request: async (f) => ({ method: 'GET', url: `${base(f)}/studies` }),
  },
  {
    name: 'GET images',
    allowed: EVERY_ROLE,
    ok: 200,
    request: async (f) => ({ method: 'GET', url: `${base(f)}/images` }),
  },
];

function expectedStatus(route: RouteCase, caller: Caller): number {
  if (caller === 'anonymous') return 401;
  if (caller === 'outsider') return 404;
  return route.allowed.includes(caller) ? route.ok : 403;
}

eachDialect('project routes', (ctx) => {
  let f: ProjectFixture;
  beforeAll(async () => {
    f = await createProjectFixture(ctx.database);
  });
  afterAll(() => f.close());

  describe('every role against every route', () => {
    for (const route of ROUTES)
      it(route.name, async () => {
        const seen: Record<string, number> = {};
        const want: Record<string, number> = {};
        for (const caller of CALLERS) {
          const res = await f.as(caller, await route.request(f, caller));
          seen[caller] = res.statusCode;
          want[caller] = expectedStatus(route, caller);
        }
        expect(seen).toEqual(want);
      });
  });

  it('creates a project with its label schema, the creator as owner, and lists it only to members', async () => {
    const name = `Liver study ${randomUUID()}`;
    const created = await f.as('viewer', {
      method: 'POST',
      url: '/api/projects',
      payload: {
        name,
        settings: { reading: 'open', readersPerItem: 3 },
        labels: [
          {
            name: 'Liver',
            type: 'mask',
            colour: '#B5651D',
            code: { system: 'SCT', value: '10200004', meaning: 'Liver' },
          },
          { name: 'Lesion', type: 'box', colour: '#e0413c', guideline: 'Box every lesion over 5 mm.' },
        ],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const project = created.json();
    expect(project).toMatchObject({
      name,
      role: 'owner',
      memberCount: 1,
      imageCount: 0,
      requireDeidentification: true,
    });
    expect(project.settings).toEqual({
      reading: 'open',
      readersPerItem: 3,
      assignment: 'round-robin',
      deidentification: { options: [...DEFAULT_IMPORT_DEID_OPTIONS], burnedInRules: DEFAULT_BURNED_IN_RULES },
      quality: {
        defaults: { dice: 0.8, f1: 0.8, distanceMm: 5, labelAgreement: 0.6 },
        thresholds: {},
        maskConsensus: 'staple',
      },
      dataset: {},
    });
    expect(project.labels.map((l: { name: string; colour: string }) => [l.name, l.colour])).toEqual([
      ['Liver', '#b5651d'],
      ['Lesion', '#e0413c'],
    ]);
    expect(project.labels[0].code).toEqual({ system: 'SCT', value: '10200004', meaning: 'Liver' });

    const mine = await f.as('viewer', { method: 'GET', url: '/api/projects' });
    expect(mine.json().projects.map((p: { name: string }) => p.name)).toContain(name);
    const theirs = await f.as('outsider', { method: 'GET', url: '/api/projects' });
    expect(theirs.json().projects.map((p: { name: string }) => p.name)).not.toContain(name);
    const admin = await f.as('admin', { method: 'GET', url: '/api/projects' });
    expect(admin.json().projects.map((p: { name: string }) => p.name)).toContain(name);

    const again = await f.as('viewer', { method: 'POST', url: '/api/projects', payload: { name } });
    expect(again.statusCode).toBe(409);
    const audit = await ctx.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('target_id', '=', project.id)
      .execute();
    expect(audit.map((a) => a.action)).toContain('project.create');
  });

  it('refuses bad input with VALIDATION_FAILED naming the field', async () => {
    const res = await f.as('owner', {
      method: 'POST',
      url: `${base(f)}/labels`,
      payload: { name: 'X', type: 'mask', colour: 'red' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(res.json().error.details).toEqual([{ path: 'body.colour', message: 'a colour is #rrggbb' }]);
    const badSettings = await f.as('owner', {
      method: 'PATCH',
      url: base(f),
      payload: { settings: { reading: 'sometimes' } },
    });
    expect(badSettings.statusCode).toBe(400);
    expect(badSettings.json().error.details[0].path).toBe('body.settings.reading');
  });

  it('keeps a project owned: only owners make or unmake owners, and the last owner stays', async () => {
    const project = (
      await f.as('manager', { method: 'POST', url: '/api/projects', payload: { name: `p-${randomUUID()}` } })
    ).json();
    const url = `/api/projects/${project.id}/members`;
    // The manager created it, so is its owner; add the fixture's manager user as manager of... itself is owner.
    const leave = await f.as('manager', { method: 'DELETE', url: `${url}/${f.users.manager.id}` });
    expect(leave.statusCode).toBe(409);
    expect(leave.json().error.message).toMatch(/at least one owner/);
    const addManager = await f.as('manager', {
      method: 'POST',
      url,
      payload: { username: f.users.viewer.username, role: 'manager' },
    });
    expect(addManager.statusCode).toBe(200);
    // That new manager may add annotators but not owners, nor demote the owner.
    const asNewManager = {
      method: 'POST' as const,
      url,
      payload: { userId: f.users.annotator.id, role: 'owner' },
    };
    expect((await f.as('viewer', asNewManager)).statusCode).toBe(403);
    const demote = await f.as('viewer', {
      method: 'PATCH',
      url: `${url}/${f.users.manager.id}`,
      payload: { role: 'viewer' },
    });
    expect(demote.statusCode).toBe(403);
    const annotator = await f.as('viewer', {
      method: 'POST',
      url,
      payload: { userId: f.users.annotator.id, role: 'annotator' },
    });
    expect(annotator.statusCode).toBe(200);
    const members = (await f.as('manager', { method: 'GET', url })).json().members;
    expect(members.map((m: { username: string; role: string }) => m.role).sort()).toEqual([
      'annotator',
      'manager',
      'owner',
    ]);
  });

  it('edits the label schema: duplicate names conflict, and a used label keeps its type', async () => {
    const url = `${base(f)}/labels`;
    const name = `Kidney ${randomUUID()}`;
    const label = (
      await f.as('owner', { method: 'POST', url, payload: { name, type: 'mask', colour: '#00aa00' } })
    ).json();
    const dup = await f.as('owner', {
      method: 'POST',
      url,
      payload: { name, type: 'box', colour: '#00aa00' },
    });
    expect(dup.statusCode).toBe(409);
    const image = await ctx.database.db
      .insertInto('images')
      .values({
        id: randomUUID(),
        project_id: f.projectId,
        content_hash: randomUUID(),
        blob_key: 'a'.repeat(64),
        format: 'png',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await ctx.database.db
      .insertInto('annotations')
      .values({
        id: randomUUID(),
        project_id: f.projectId,
        image_id: image.id,
        label_id: label.id,
        created_by: f.users.owner.id,
        head_revision: 1,
      })
      .execute();
    const retype = await f.as('owner', {
      method: 'PATCH',
      url: `${url}/${label.id}`,
      payload: { type: 'box' },
    });
    expect(retype.statusCode).toBe(409);
    const recolour = await f.as('owner', {
      method: 'PATCH',
      url: `${url}/${label.id}`,
      payload: { colour: '#0000ff', code: null },
    });
    expect(recolour.json()).toMatchObject({ colour: '#0000ff', code: null, type: 'mask' });
    expect((await f.as('owner', { method: 'DELETE', url: `${url}/${label.id}` })).statusCode).toBe(409);
  });

  it('lists images and serves their files, hiding annotation instances from blind annotators', async () => {
    const importCtx = { db: ctx.database.db, blobs: f.blobs };
    const ct = await importFile(importCtx, f.projectId, {
      name: 'CT_small.dcm',
      bytes: await readFile(CT_SMALL),
    });
    const sr = await importFile(importCtx, f.projectId, {
      name: 'seg.dcm',
      bytes: await readFile(SEGMENTATION),
    });
    const png = pngBytes(8, 6, 3);
    const flat = await importFile(importCtx, f.projectId, { name: 'x.png', bytes: png });
    expect([ct.status, sr.status, flat.status]).toEqual(['imported', 'imported', 'imported']);

    const ids = async (caller: Caller) =>
      (await f.as(caller, { method: 'GET', url: `${base(f)}/images?limit=1000` }))
        .json()
        .images.map((i: { id: string }) => i.id);
    expect(await ids('reviewer')).toEqual(expect.arrayContaining([ct.imageId, sr.imageId, flat.imageId]));
    const blind = await ids('annotator');
    expect(blind).toEqual(expect.arrayContaining([ct.imageId, flat.imageId]));
    expect(blind).not.toContain(sr.imageId);
    expect(
      (await f.as('annotator', { method: 'GET', url: `${base(f)}/images/${sr.imageId}` })).statusCode,
    ).toBe(404);
    const studies = (await f.as('annotator', { method: 'GET', url: `${base(f)}/studies` })).json().studies;
    const modalities = studies.flatMap((s: { series: { modality: string }[] }) =>
      s.series.map((x) => x.modality),
    );
    expect(modalities).toContain('CT');
    expect(modalities).not.toContain('SEG');

    const file = await f.as('viewer', { method: 'GET', url: `${base(f)}/images/${flat.imageId}/file` });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    expect(file.rawPayload.equals(Buffer.from(png))).toBe(true);
    const one = (await f.as('viewer', { method: 'GET', url: `${base(f)}/images/${ct.imageId}` })).json();
    expect(one).toMatchObject({ format: 'dicom', modality: 'CT' });
    expect(one.geometry).toBeTypeOf('object');
  });

  it('lets administrators manage accounts, and nobody else', async () => {
    const username = `reader-${randomUUID().slice(0, 8)}`;
    const payload = { username, password: 'a long enough password' };
    expect((await f.as('owner', { method: 'POST', url: '/api/users', payload })).statusCode).toBe(403);
    expect((await f.as('anonymous', { method: 'GET', url: '/api/users' })).statusCode).toBe(401);
    const created = await f.as('admin', { method: 'POST', url: '/api/users', payload });
    expect(created.statusCode, created.body).toBe(201);
    expect((await f.as('admin', { method: 'POST', url: '/api/users', payload })).statusCode).toBe(409);
    const login = await f.app.inject({ method: 'POST', url: '/api/auth/login', payload });
    expect(login.statusCode).toBe(200);
    const disabled = await f.as('admin', {
      method: 'PATCH',
      url: `/api/users/${created.json().id}`,
      payload: { disabled: true },
    });
    expect(disabled.json().disabled).toBe(true);
    const refused = await f.app.inject({ method: 'POST', url: '/api/auth/login', payload });
    expect(refused.json().error.message).toBe('this account is disabled');
    const self = await f.as('admin', {
      method: 'PATCH',
      url: `/api/users/${f.users.admin.id}`,
      payload: { disabled: true },
    });
    expect(self.statusCode).toBe(409);
  });

  it('deletes a project for its owner only', async () => {
    const project = (
      await f.as('reviewer', {
        method: 'POST',
        url: '/api/projects',
        payload: { name: `gone-${randomUUID()}` },
      })
    ).json();
    await f.as('reviewer', {
      method: 'POST',
      url: `/api/projects/${project.id}/members`,
      payload: { userId: f.users.manager.id, role: 'manager' },
    });
    expect((await f.as('manager', { method: 'DELETE', url: `/api/projects/${project.id}` })).statusCode).toBe(
      403,
    );
    expect(
      (await f.as('reviewer', { method: 'DELETE', url: `/api/projects/${project.id}` })).statusCode,
    ).toBe(204);
    expect((await f.as('reviewer', { method: 'GET', url: `/api/projects/${project.id}` })).statusCode).toBe(
      404,
    );
  });
});
