import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { BlobStore } from '../blobs/blob-store.js';
import { ApiError } from '../errors/api-error.js';
import type { DatabaseSchema } from '../storage/schema.js';
import { parseAccept } from './accept.js';
import { dicomwebContext } from './dicomweb-access.js';
import {
  bulkDataParams,
  frameParams,
  framesParams,
  instanceParams,
  renderedQuery,
  seriesParams,
  studyParams,
} from './dicomweb-schemas.js';
import { checkFrameNumbers, decodedFrame, type Frame, NATIVE, storedFrame } from './frames.js';
import { multipartContentType, multipartRelated, type Part } from './multipart-writer.js';
import { negotiateFrames, negotiateInstances, negotiateJson, negotiateRendered } from './negotiate.js';
import { parseQuality, parseWindow, renderFrame } from './render-frame.js';
import {
  findInstances,
  type InstanceAddress,
  instanceMetadata,
  parseInstance,
  type StoredInstance,
} from './stored-instances.js';

type Db = Kysely<DatabaseSchema>;

export interface WadoRoutesOptions {
  readonly db: Db;
  readonly blobs: BlobStore;
}

const TAGS = ['dicomweb'];

/**
 * WADO-RS (PS3.18 10.4): studies, series and instances as stored files, their metadata as DICOM JSON,
 * frames, bulk data and rendered JPEG or PNG images, under /dicomweb/projects/:projectId.
 */
export async function wadoRoutes(base: FastifyInstance, { db, blobs }: WadoRoutesOptions): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();

  const retrieve = async (
    request: FastifyRequest,
    reply: FastifyReply,
    projectId: string,
    address: InstanceAddress,
  ) => {
    const context = await dicomwebContext(db, request, projectId, 'images.read');
    const instances = await findInstances(db, context, address);
    negotiateInstances(
      parseAccept(request.headers.accept),
      instances.map((instance) => instance.transferSyntaxUid),
    );
    const parts: Part[] = instances.map((instance) => ({
      contentType: `application/dicom; transfer-syntax=${instance.transferSyntaxUid ?? NATIVE}`,
      body: () => blobs.get(instance.blobKey),
    }));
    const body = multipartRelated(parts);
    return reply.type(multipartContentType(body.boundary, 'application/dicom')).send(body.stream);
  };

  const metadata = async (
    request: FastifyRequest,
    reply: FastifyReply,
    projectId: string,
    address: InstanceAddress,
  ) => {
    const context = await dicomwebContext(db, request, projectId, 'images.read');
    negotiateJson(parseAccept(request.headers.accept));
    const instances = await findInstances(db, context, address);
    const answer = [];
    for (const instance of instances) answer.push(await instanceMetadata(blobs, context, instance));
    return reply.type('application/dicom+json').send(JSON.stringify(answer));
  };

  const summary = (what: string) => ({ tags: TAGS, summary: what });

  app.get(
    '/projects/:projectId/studies/:study',
    { schema: { ...summary("WADO-RS: a study's instances"), params: studyParams } },
    (request, reply) =>
      retrieve(request, reply, request.params.projectId, { studyUid: request.params.study }),
  );
  app.get(
    '/projects/:projectId/studies/:study/series/:series',
    { schema: { ...summary("WADO-RS: a series' instances"), params: seriesParams } },
    (request, reply) =>
      retrieve(request, reply, request.params.projectId, {
        studyUid: request.params.study,
        seriesUid: request.params.series,
      }),
  );
  app.get(
    '/projects/:projectId/studies/:study/series/:series/instances/:instance',
    { schema: { ...summary('WADO-RS: one instance'), params: instanceParams } },
    (request, reply) => retrieve(request, reply, request.params.projectId, addressOf(request.params)),
  );
  app.get(
    '/projects/:projectId/studies/:study/metadata',
    { schema: { ...summary("WADO-RS: a study's metadata"), params: studyParams } },
    (request, reply) =>
      metadata(request, reply, request.params.projectId, { studyUid: request.params.study }),
  );
  app.get(
    '/projects/:projectId/studies/:study/series/:series/metadata',
    { schema: { ...summary("WADO-RS: a series' metadata"), params: seriesParams } },
    (request, reply) =>
      metadata(request, reply, request.params.projectId, {
        studyUid: request.params.study,
        seriesUid: request.params.series,
      }),
  );
  app.get(
    '/projects/:projectId/studies/:study/series/:series/instances/:instance/metadata',
    { schema: { ...summary("WADO-RS: an instance's metadata"), params: instanceParams } },
    (request, reply) => metadata(request, reply, request.params.projectId, addressOf(request.params)),
  );

  app.get(
    '/projects/:projectId/studies/:study/series/:series/instances/:instance/frames/:frames',
    { schema: { ...summary('WADO-RS: frames of an instance'), params: framesParams } },
    async (request, reply) => {
      const context = await dicomwebContext(db, request, request.params.projectId, 'images.read');
      const [instance] = await findInstances(db, context, addressOf(request.params));
      const numbers = request.params.frames.split(',').map(Number);
      return sendFrames(request, reply, await framesOf(instance!, numbers, request));
    },
  );

  app.get(
    '/projects/:projectId/studies/:study/series/:series/instances/:instance/bulkdata/:tag',
    {
      schema: {
        ...summary('WADO-RS: bulk data of an instance (Pixel Data or another top-level binary value)'),
        params: bulkDataParams,
      },
    },
    async (request, reply) => {
      const context = await dicomwebContext(db, request, request.params.projectId, 'images.read');
      const [instance] = await findInstances(db, context, addressOf(request.params));
      const tag = request.params.tag.toUpperCase();
      if (tag === '7FE00010') {
        const { module } = await parseInstance(blobs, instance!);
        const all = Array.from({ length: module.numberOfFrames }, (_, i) => i + 1);
        return sendFrames(request, reply, await framesOf(instance!, all, request));
      }
      const { parsed } = await parseInstance(blobs, instance!);
      const element = parsed.dataSet.elements[`x${tag.toLowerCase()}`];
      if (!element) throw new ApiError('NOT_FOUND', `the instance has no attribute ${tag}`);
      const bytes = parsed.dataSet.byteArray.subarray(
        element.dataOffset,
        element.dataOffset + element.length,
      );
      const body = multipartRelated([{ contentType: 'application/octet-stream', body: async () => bytes }]);
      return reply.type(multipartContentType(body.boundary, 'application/octet-stream')).send(body.stream);
    },
  );

  const rendered = async (
    request: FastifyRequest,
    reply: FastifyReply,
    params: { projectId: string; study: string; series: string; instance: string },
    frame: number,
    query: { window?: string | string[] | undefined; quality?: string | string[] | undefined },
  ) => {
    const context = await dicomwebContext(db, request, params.projectId, 'images.read');
    const type = negotiateRendered(parseAccept(request.headers.accept));
    const window = parseWindow(lastOf(query.window));
    const quality = parseQuality(lastOf(query.quality));
    const [instance] = await findInstances(db, context, addressOf(params));
    const { parsed, module } = await parseInstance(blobs, instance!);
    checkFrameNumbers([frame], module);
    const image = await renderFrame(parsed, module, frame - 1, { window, type, quality });
    return reply.type(type).send(Buffer.from(image.buffer, image.byteOffset, image.byteLength));
  };
  app.get(
    '/projects/:projectId/studies/:study/series/:series/instances/:instance/rendered',
    {
      schema: {
        ...summary('WADO-RS: an instance rendered as JPEG or PNG (its first frame)'),
        params: instanceParams,
        querystring: renderedQuery,
      },
    },
    (request, reply) => rendered(request, reply, request.params, 1, request.query),
  );
  app.get(
    '/projects/:projectId/studies/:study/series/:series/instances/:instance/frames/:frame/rendered',
    {
      schema: {
        ...summary('WADO-RS: a frame rendered as JPEG or PNG'),
        params: frameParams,
        querystring: renderedQuery,
      },
    },
    (request, reply) => rendered(request, reply, request.params, request.params.frame, request.query),
  );

  async function framesOf(
    instance: StoredInstance,
    numbers: number[],
    request: FastifyRequest,
  ): Promise<Frame[]> {
    const { parsed, module } = await parseInstance(blobs, instance);
    checkFrameNumbers(numbers, module);
    const form = negotiateFrames(parseAccept(request.headers.accept), parsed.transferSyntaxUID);
    const frames: Frame[] = [];
    for (const n of numbers)
      frames.push(
        form === 'stored' ? storedFrame(parsed, module, n - 1) : await decodedFrame(parsed, module, n - 1),
      );
    return frames;
  }
}

function sendFrames(_request: FastifyRequest, reply: FastifyReply, frames: Frame[]) {
  const type = frames[0]?.mediaType ?? 'application/octet-stream';
  const body = multipartRelated(
    frames.map((frame) => ({
      contentType: `${frame.mediaType}; transfer-syntax=${frame.transferSyntaxUid}`,
      body: async () => frame.bytes,
    })),
  );
  return reply.type(multipartContentType(body.boundary, type)).send(body.stream);
}

function addressOf(params: { study: string; series: string; instance: string }): InstanceAddress {
  return { studyUid: params.study, seriesUid: params.series, sopInstanceUid: params.instance };
}

function lastOf(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.at(-1) : value;
}
