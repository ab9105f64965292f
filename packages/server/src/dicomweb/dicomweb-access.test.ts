import { parseDicom } from '@voxelhub/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../import/import-file.js';
import { eachDialect } from '../storage/test-databases.js';
import { type Caller, createProjectFixture, type ProjectFixture } from '../test-support/project-fixture.js';
import { CT_3SLICE, CT_SMALL, firstValue, LIVER_SEG, readBytes } from './dicomweb-test-server.js';

type Json = Record<string, { vr: string; Value?: unknown[] }>;

interface Uids {
  study: string;
  series: string;
  instance: string;
}

function uidsOf(bytes: Uint8Array): Uids {
  const { dataSet } = parseDicom(bytes);
  return {
    study: dataSet.string('x0020000d')!,
    series: dataSet.string('x0020000e')!,
    instance: dataSet.string('x00080018')!,
  };
}

/** Every DICOMweb read route, addressed at one instance (and its series and study). */
function readRoutes(projectId: string, { study, series, instance }: Uids): string[] {
  const base = `/dicomweb/projects/${projectId}`;
  const at = `${base}/studies/${study}/series/${series}/instances/${instance}`;
  return [
    `${base}/studies`,
    `${base}/series`,
    `${base}/instances`,
    `${base}/studies/${study}/series`,
    `${base}/studies/${study}/instances`,
    `${base}/studies/${study}/series/${series}/instances`,
    `${base}/studies/${study}`,
    `${base}/studies/${study}/series/${series}`,
    at,
    `${base}/studies/${study}/metadata`,
    `${base}/studies/${study}/series/${series}/metadata`,
    `${at}/metadata`,
    `${at}/frames/1`,
    `${at}/bulkdata/7FE00010`,
    `${at}/rendered`,
    `${at}/frames/1/rendered`,
  ];
}

function stowBody(bytes: Uint8Array): { headers: Record<string, string>; payload: Buffer } {
  return {
    headers: { 'content-type': 'multipart/related; type="application/dicom"; boundary=part' },
    payload: Buffer.concat([
      Buffer.from('--part\r\nContent-Type: application/dicom\r\n\r\n'),
      bytes,
      Buffer.from('\r\n--part--\r\n'),
    ]),
  };
}

eachDialect('DICOMweb access', (context) => {
  let blind: ProjectFixture;
  let open: ProjectFixture;
  let ct: Uids;
  let seg: Uids;
  let ctSmall: Uint8Array;

  beforeAll(async () => {
    blind = await createProjectFixture(context.database);
    open = await createProjectFixture(context.database, { settings: { reading: 'open' } });
    const files = await Promise.all([...CT_3SLICE, LIVER_SEG].map(readBytes));
    for (const fixture of [blind, open])
      for (const [i, bytes] of files.entries())
        await importFile({ db: context.database.db, blobs: fixture.blobs }, fixture.projectId, {
          name: `${i}.dcm`,
          bytes,
        });
    ct = uidsOf(files[0]!);
    seg = uidsOf(files[3]!);
    ctSmall = await readBytes(CT_SMALL);
  });
  afterAll(async () => {
    await blind?.close();
    await open?.close();
  });

  const status = async (fixture: ProjectFixture, caller: Caller, url: string) =>
    (await fixture.as(caller, { method: 'GET', url })).statusCode;

  it('answers outsiders 404 and anonymous callers 401 on every route, reads and stores alike', async () => {
    const routes = readRoutes(blind.projectId, ct);
    for (const url of routes) {
      expect([url, await status(blind, 'outsider', url)]).toEqual([url, 404]);
      expect([url, await status(blind, 'anonymous', url)]).toEqual([url, 401]);
    }
    for (const caller of ['outsider', 'anonymous'] as const) {
      const response = await blind.as(caller, {
        method: 'POST',
        url: `/dicomweb/projects/${blind.projectId}/studies`,
        ...stowBody(ctSmall),
      });
      expect(response.statusCode).toBe(caller === 'outsider' ? 404 : 401);
      expect(Object.keys(response.json())).toEqual(['error']);
    }
  });

  it('lets viewers read every route but not store; managers store', async () => {
    for (const url of readRoutes(blind.projectId, ct))
      expect([url, await status(blind, 'viewer', url)]).toEqual([url, 200]);
    const url = `/dicomweb/projects/${blind.projectId}/studies`;
    const viewer = await blind.as('viewer', { method: 'POST', url, ...stowBody(ctSmall) });
    expect([viewer.statusCode, viewer.json().error.code]).toEqual([403, 'FORBIDDEN']);
    const annotator = await blind.as('annotator', { method: 'POST', url, ...stowBody(ctSmall) });
    expect(annotator.statusCode).toBe(403);
    expect((await blind.as('manager', { method: 'POST', url, ...stowBody(ctSmall) })).statusCode).toBe(200);
  });

  describe('blind reading', () => {
    it('hides annotation instances (SEG) from annotators in a blind project, in search and retrieve', async () => {
      const base = `/dicomweb/projects/${blind.projectId}`;
      const studies = (
        await blind.as('annotator', { method: 'GET', url: `${base}/studies?StudyInstanceUID=${ct.study}` })
      ).json() as Json[];
      expect(studies[0]!['00080061']!.Value).toEqual(['CT']);
      expect(firstValue(studies[0]!, '00201206')).toBe(1);
      expect(firstValue(studies[0]!, '00201208')).toBe(3);
      const series = (await blind.as('annotator', { method: 'GET', url: `${base}/series` })).json() as Json[];
      expect(series.map((s) => firstValue(s, '00080060'))).not.toContain('SEG');
      const segSearch = await blind.as('annotator', {
        method: 'GET',
        url: `${base}/instances?SOPInstanceUID=${seg.instance}`,
      });
      expect(segSearch.json()).toEqual([]);
      // Every route that names the SEG series; its study's routes answer with the CT series only.
      const segRoutes = readRoutes(blind.projectId, seg).filter(
        (url) => url.includes(`/series/${seg.series}`) && !url.endsWith('/instances'),
      );
      expect(segRoutes).toHaveLength(8);
      for (const url of segRoutes) expect([url, await status(blind, 'annotator', url)]).toEqual([url, 404]);
      const inSeries = await blind.as('annotator', {
        method: 'GET',
        url: `${base}/studies/${seg.study}/series/${seg.series}/instances`,
      });
      expect([inSeries.statusCode, inSeries.json()]).toEqual([200, []]);
      const metadata = (
        await blind.as('annotator', { method: 'GET', url: `${base}/studies/${ct.study}/metadata` })
      ).json() as Json[];
      expect(metadata.map((m) => firstValue(m, '00080060'))).toEqual(['CT', 'CT', 'CT']);
      const retrieved = await blind.as('annotator', { method: 'GET', url: `${base}/studies/${ct.study}` });
      expect(retrieved.body.match(/Content-Type: application\/dicom/g)).toHaveLength(3);
    });

    it('shows them to reviewers in a blind project and to annotators in an open one', async () => {
      for (const [fixture, caller] of [
        [blind, 'reviewer'],
        [open, 'annotator'],
      ] as const) {
        const base = `/dicomweb/projects/${fixture.projectId}`;
        const studies = (
          await fixture.as(caller, { method: 'GET', url: `${base}/studies?StudyInstanceUID=${ct.study}` })
        ).json() as Json[];
        expect(studies[0]!['00080061']!.Value).toEqual(['CT', 'SEG']);
        for (const url of readRoutes(fixture.projectId, seg))
          expect([url, await status(fixture, caller, url)]).toEqual([url, 200]);
      }
    });
  });
});
