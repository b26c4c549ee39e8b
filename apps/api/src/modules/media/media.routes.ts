import multipart from '@fastify/multipart';
import { ImageVariant, Media } from '@dongne/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { actorOf } from '../../platform/auth';
import type { RouteApp } from '../../platform/http';
import { parseRange } from '../../platform/storage';
import { mediaErrors } from './media.errors';
import type { MediaService, ServableFile } from './media.service';

const security = [{ bearer: [] }];
const tags = ['media'];
/** Variant URLs are content-addressed by id: the bytes behind one never change. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Signed HLS files: this viewer's browser may keep them; shared caches may not (the URL names the user). */
const SIGNED_SEGMENT = 'private, max-age=86400, immutable';
const SIGNED_PLAYLIST = 'private, max-age=60';

const SignatureQuery = Type.Object({
  exp: Type.Optional(Type.String({ maxLength: 20 })),
  u: Type.Optional(Type.String({ maxLength: 64 })),
  sig: Type.Optional(Type.String({ maxLength: 100 })),
});

export async function mediaRoutes(app: RouteApp, deps: { media: MediaService; maxUploadBytes: number }) {
  const { media } = deps;

  await app.register(async (scope: RouteApp) => {
    // Streaming multipart for this route only; the per-kind limits are enforced while reading.
    await scope.register(multipart, { limits: { files: 1, fields: 0, parts: 2, fileSize: deps.maxUploadBytes + 1 } });
    scope.post(
      '/api/media',
      {
        preHandler: scope.authenticate,
        schema: {
          tags,
          security,
          summary: '사진·동영상 올리기 (multipart, file 필드 하나)',
          consumes: ['multipart/form-data'],
          response: { 201: Media },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        if (!request.isMultipart()) throw mediaErrors.multipartRequired();
        const file = await request.file().catch(() => undefined);
        if (!file) throw mediaErrors.fileRequired();
        const created = await media.upload(actor.userId, file.file);
        return reply.status(201).send(created);
      },
    );
  });

  app.get(
    '/api/media/:id',
    {
      preHandler: app.authenticate,
      schema: {
        tags,
        security,
        summary: '내가 올린 파일의 상태·진행률과 새 주소 (동영상은 서명된 재생 주소)',
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
        response: { 200: Media },
      },
    },
    async (request) => media.get(actorOf(request).userId, request.params.id),
  );

  app.get(
    '/api/media/:id/:variant',
    {
      schema: {
        tags,
        summary: '사진 WebP 변형 (320/640/1280px 너비, 영구 캐시)',
        params: Type.Object({ id: Type.String({ maxLength: 64 }), variant: Type.String({ maxLength: 16 }) }),
        produces: ['image/webp'],
      },
    },
    async (request, reply) => {
      const variant = request.params.variant.replace(/\.webp$/, '');
      const file = await media.variant(request.params.id, ImageVariantValues.has(variant) ? variant : '');
      return sendFile(request, reply, file, IMMUTABLE);
    },
  );

  app.get(
    '/api/media/:id/hls/*',
    {
      schema: {
        tags,
        summary: 'HLS 재생 파일 (서명된 주소; 재생 목록은 서명을 붙여 다시 씀)',
        params: Type.Object({ id: Type.String({ maxLength: 64 }), '*': Type.String({ maxLength: 64 }) }),
        querystring: SignatureQuery,
      },
    },
    async (request, reply) => {
      const file = await media.hlsFile(request.params.id, request.params['*'], request.query);
      if ('playlist' in file) {
        return reply.header('cache-control', SIGNED_PLAYLIST).type('application/vnd.apple.mpegurl').send(file.playlist);
      }
      return sendFile(request, reply, file, SIGNED_SEGMENT);
    },
  );
}

const ImageVariantValues = new Set(ImageVariant.anyOf.map((literal) => String(literal.const)));

/** A stored file with its type, length, cache policy and single-range support. */
async function sendFile(request: FastifyRequest, reply: FastifyReply, file: ServableFile, cacheControl: string) {
  const range = parseRange(request.headers.range, file.size);
  reply.header('cache-control', cacheControl).header('accept-ranges', 'bytes').header('x-content-type-options', 'nosniff');
  if (range === 'unsatisfiable') {
    reply.header('content-range', `bytes */${file.size}`);
    reply.status(416);
    throw mediaErrors.rangeNotSatisfiable();
  }
  const stored = await file.open(range);
  if (!stored) throw mediaErrors.notFound();
  reply.type(file.contentType);
  if (stored.range) {
    reply
      .status(206)
      .header('content-range', `bytes ${stored.range.start}-${stored.range.end}/${file.size}`)
      .header('content-length', stored.range.end - stored.range.start + 1);
  } else {
    reply.header('content-length', file.size);
  }
  return reply.send(stored.body);
}
