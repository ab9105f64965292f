import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { projectParams } from '../projects/project-schemas.js';
import type { DatabaseSchema } from '../storage/schema.js';
import { parseAccept } from './accept.js';
import type { DicomJson } from './dicom-json.js';
import { dicomwebContext } from './dicomweb-access.js';
import { searchQuery, seriesParams, studyParams } from './dicomweb-schemas.js';
import { negotiateJson } from './negotiate.js';
import { parseQidoQuery, type QidoQuery, type QueryLevel, type QueryString } from './qido-query.js';
import { type Scope, searchInstances, searchSeries, searchStudies } from './qido-search.js';

type Db = Kysely<DatabaseSchema>;
type Search = typeof searchStudies;

const STUDY: QueryLevel[] = ['study'];
const SERIES: QueryLevel[] = ['series'];
const STUDY_SERIES: QueryLevel[] = ['study', 'series'];
const INSTANCE: QueryLevel[] = ['instance'];
const SERIES_INSTANCE: QueryLevel[] = ['series', 'instance'];
const ALL: QueryLevel[] = ['study', 'series', 'instance'];

/**
 * QIDO-RS (PS3.18 10.6): searches for studies, series and instances, answered in DICOM JSON. No match is
 * 200 with `[]` (as Orthanc answers; PS3.18 also allows 204, which dcm4chee sends, but an empty array is
 * what every client reads). Known attributes that can't be matched at the searched level are ignored with
 * a Warning header (PS3.18 8.3.4.3); unknown keys and malformed values are VALIDATION_FAILED (400).
 */
export async function qidoRoutes(base: FastifyInstance, { db }: { readonly db: Db }): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const schema = <P extends typeof projectParams | typeof studyParams | typeof seriesParams>(
    summary: string,
    params: P,
  ) => ({
    tags: ['dicomweb'],
    summary: `QIDO-RS: ${summary}`,
    params,
    querystring: searchQuery,
  });

  const run = async (
    request: FastifyRequest,
    reply: FastifyReply,
    projectId: string,
    levels: QueryLevel[],
    search: Search,
    scope: Scope,
  ) => {
    const context = await dicomwebContext(db, request, projectId, 'images.read');
    negotiateJson(parseAccept(request.headers.accept));
    const query: QidoQuery = parseQidoQuery(request.query as QueryString, levels);
    const answer: DicomJson[] = await search(db, context, query, scope);
    if (query.ignored.length)
      reply.header(
        'warning',
        `299 voxelhub "The following attributes are not supported for matching: ${query.ignored.join(', ')}"`,
      );
    return reply.type('application/dicom+json').send(JSON.stringify(answer));
  };

  app.get(
    '/projects/:projectId/studies',
    { schema: schema('search for studies', projectParams) },
    (request, reply) => run(request, reply, request.params.projectId, STUDY, searchStudies, {}),
  );
  app.get(
    '/projects/:projectId/series',
    { schema: schema('search for series', projectParams) },
    (request, reply) => run(request, reply, request.params.projectId, STUDY_SERIES, searchSeries, {}),
  );
  app.get(
    '/projects/:projectId/instances',
    { schema: schema('search for instances', projectParams) },
    (request, reply) => run(request, reply, request.params.projectId, ALL, searchInstances, {}),
  );
  app.get(
    '/projects/:projectId/studies/:study/series',
    { schema: schema("search for a study's series", studyParams) },
    (request, reply) =>
      run(request, reply, request.params.projectId, SERIES, searchSeries, { studyUid: request.params.study }),
  );
  app.get(
    '/projects/:projectId/studies/:study/instances',
    { schema: schema("search for a study's instances", studyParams) },
    (request, reply) =>
      run(request, reply, request.params.projectId, SERIES_INSTANCE, searchInstances, {
        studyUid: request.params.study,
      }),
  );
  app.get(
    '/projects/:projectId/studies/:study/series/:series/instances',
    { schema: schema("search for a series' instances", seriesParams) },
    (request, reply) =>
      run(request, reply, request.params.projectId, INSTANCE, searchInstances, {
        studyUid: request.params.study,
        seriesUid: request.params.series,
      }),
  );
}
