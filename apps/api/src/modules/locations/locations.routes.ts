import { Neighbourhood, NeighbourhoodBody, Region, RegionCode, RegionList } from '@dongne/contracts';
import { Type } from 'typebox';
import { actorOf } from '../../platform/auth';
import type { RouteApp } from '../../platform/http';
import type { LocationsService } from './locations.service';

const security = [{ bearer: [] }];
/** The region list changes with a deploy, not during one: browsers and CDNs may keep it a day. */
const CACHE_A_DAY = 'public, max-age=86400';

/** Does an If-None-Match header name this ETag (`*`, a list, weak or strong)? */
const matches = (ifNoneMatch: string | undefined, etag: string) =>
  ifNoneMatch !== undefined && ifNoneMatch.split(',').some((tag) => ['*', etag, `W/${etag}`].includes(tag.trim()));

export async function locationsRoutes(app: RouteApp, deps: { locations: LocationsService }) {
  const { locations } = deps;
  const etag = locations.regions.etag;
  const signedIn = { preHandler: app.authenticate };

  app.get(
    '/api/regions',
    { schema: { tags: ['locations'], summary: '시도·시군구 목록 (코드, 이름, 중심 좌표)', response: { 200: RegionList, 304: Type.Null() } } },
    async (request, reply) => {
      reply.header('cache-control', CACHE_A_DAY).header('etag', etag);
      if (matches(request.headers['if-none-match'], etag)) return reply.status(304).send(null);
      return { items: locations.listRegions() as Region[] };
    },
  );

  app.get(
    '/api/regions/:code',
    { schema: { tags: ['locations'], summary: '지역 하나', params: Type.Object({ code: RegionCode }), response: { 200: Region } } },
    async (request, reply) => {
      const region = locations.region(request.params.code);
      reply.header('cache-control', CACHE_A_DAY);
      return region;
    },
  );

  const tags = ['me'];
  app.get(
    '/api/me/neighbourhood',
    { ...signedIn, schema: { tags, security, summary: '내 동네 (없으면 404)', response: { 200: Neighbourhood } } },
    async (request) => locations.myNeighbourhood(actorOf(request).userId),
  );

  app.put(
    '/api/me/neighbourhood',
    {
      ...signedIn,
      schema: {
        tags,
        security,
        summary: '내 동네 설정: 시군구 + 반경 1/3/6/10km (좌표가 없으면 시군구 중심)',
        body: NeighbourhoodBody,
        response: { 200: Neighbourhood },
      },
    },
    async (request) => locations.setNeighbourhood(actorOf(request).userId, request.body),
  );

  app.delete('/api/me/neighbourhood', { ...signedIn, schema: { tags, security, summary: '내 동네 지우기' } }, async (request, reply) => {
    await locations.clearNeighbourhood(actorOf(request).userId);
    return reply.status(204).send();
  });
}
