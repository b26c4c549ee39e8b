import type { Neighbourhood, Region } from '@dongne/contracts';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUser, type TestApp } from '../../testing/test-app';
import { userNeighbourhoods } from './locations.tables';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('GET /api/regions', () => {
  it('lists 17 시도 and every 시군구 under one, with current names and centroids', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/regions' });
    expect(response.statusCode).toBe(200);
    const items = response.json<{ items: Region[] }>().items;
    const sido = items.filter((region) => /^[0-9]{2}$/.test(region.code));
    const sigungu = items.filter((region) => /^[0-9]{5}$/.test(region.code));
    expect(sido).toHaveLength(17);
    expect(sigungu.length).toBe(252);
    expect(sido.length + sigungu.length).toBe(items.length);
    const sidoCodes = new Set(sido.map((region) => region.code));
    expect(sigungu.every((region) => region.parentCode === region.code.slice(0, 2) && sidoCodes.has(region.code.slice(0, 2)))).toBe(true);
    expect(items.filter((region) => /^(강원도|전라북도) /.test(region.name))).toEqual([]);
    expect(items.find((region) => region.code === '11680')).toEqual({
      code: '11680',
      name: '서울특별시 강남구',
      shortName: '강남구',
      parentCode: '11',
      level: 'sigungu',
      lat: expect.closeTo(37.4965, 2),
      lng: expect.closeTo(127.0633, 2),
    });
  });

  it('may be cached for a day, and answers 304 to a matching If-None-Match', async () => {
    const first = await t.app.inject({ method: 'GET', url: '/api/regions' });
    expect(first.headers['cache-control']).toBe('public, max-age=86400');
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^".+"$/);
    const again = await t.app.inject({ method: 'GET', url: '/api/regions', headers: { 'if-none-match': `W/"other", ${etag}` } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect(again.headers.etag).toBe(etag);
    const stale = await t.app.inject({ method: 'GET', url: '/api/regions', headers: { 'if-none-match': '"stale"' } });
    expect(stale.statusCode).toBe(200);
  });
});

describe('GET /api/regions/:code', () => {
  it('answers one region, 404 location.region_not_found for an unknown code, 400 for a malformed one', async () => {
    const found = await t.app.inject({ method: 'GET', url: '/api/regions/27720' });
    expect(found.statusCode).toBe(200);
    expect(found.json()).toMatchObject({ code: '27720', name: '대구광역시 군위군', parentCode: '27' });
    expect(found.headers['cache-control']).toBe('public, max-age=86400');
    const sido = await t.app.inject({ method: 'GET', url: '/api/regions/51' });
    expect(sido.json()).toMatchObject({ name: '강원특별자치도', parentCode: null, level: 'sido' });

    const unknown = await t.app.inject({ method: 'GET', url: '/api/regions/42110' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(unknown.json()).toMatchObject({ status: 404, code: 'location.region_not_found' });
    expect(unknown.headers['cache-control']).toBe('no-store');

    const malformed = await t.app.inject({ method: 'GET', url: '/api/regions/abc' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().errors[0].path).toBe('/params/code');
  });
});

describe('/api/me/neighbourhood', () => {
  it('401 without a token', async () => {
    for (const method of ['GET', 'PUT', 'DELETE'] as const) {
      const response = await t.app.inject({ method, url: '/api/me/neighbourhood', payload: method === 'PUT' ? { regionCode: '11680', radiusKm: 3 } : undefined });
      expect(response.statusCode, method).toBe(401);
    }
  });

  it('is 404 until set; without a point the centre is the region centroid; a given point is kept', async () => {
    const user = await createUser(t.app);
    const before = await t.app.inject({ method: 'GET', url: '/api/me/neighbourhood', headers: user.headers });
    expect(before.statusCode).toBe(404);
    expect(before.json().code).toBe('location.neighbourhood_not_set');

    const byRegion = await t.app.inject({ method: 'PUT', url: '/api/me/neighbourhood', headers: user.headers, payload: { regionCode: '11440', radiusKm: 3 } });
    expect(byRegion.statusCode).toBe(200);
    const region = (await t.app.inject({ method: 'GET', url: '/api/regions/11440' })).json<Region>();
    expect(byRegion.json()).toMatchObject({ regionCode: '11440', regionName: '서울특별시 마포구', lat: region.lat, lng: region.lng, radiusKm: 3, pointSource: 'region_centroid' });

    const yeoksam = { regionCode: '11680', lat: 37.5006, lng: 127.0364, radiusKm: 1 };
    const byPoint = await t.app.inject({ method: 'PUT', url: '/api/me/neighbourhood', headers: user.headers, payload: yeoksam });
    expect(byPoint.statusCode).toBe(200);
    const read = await t.app.inject({ method: 'GET', url: '/api/me/neighbourhood', headers: user.headers });
    expect(read.json<Neighbourhood>()).toMatchObject({ ...yeoksam, regionName: '서울특별시 강남구', pointSource: 'given' });
    expect(read.headers['cache-control']).toBe('no-store');

    const other = await createUser(t.app);
    expect((await t.app.inject({ method: 'GET', url: '/api/me/neighbourhood', headers: other.headers })).statusCode).toBe(404);

    expect((await t.app.inject({ method: 'DELETE', url: '/api/me/neighbourhood', headers: user.headers })).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/me/neighbourhood', headers: user.headers })).statusCode).toBe(404);
  });

  it('refuses bad shapes with 400 and field paths', async () => {
    const user = await createUser(t.app);
    const put = (payload: unknown) => t.app.inject({ method: 'PUT', url: '/api/me/neighbourhood', headers: user.headers, payload: payload as object });
    const cases: [unknown, string][] = [
      [{ regionCode: '11680', radiusKm: 5 }, '/body/radiusKm'],
      [{ regionCode: '11680', radiusKm: '3' }, '/body/radiusKm'],
      [{ regionCode: '11680' }, '/body/radiusKm'],
      [{ radiusKm: 3 }, '/body/regionCode'],
      [{ regionCode: '11', radiusKm: 3 }, '/body/regionCode'],
      [{ regionCode: '11680', radiusKm: 3, lat: 'north', lng: 127 }, '/body/lat'],
      [{ regionCode: '11680', radiusKm: 3, lat: 91, lng: 127 }, '/body/lat'],
    ];
    for (const [payload, path] of cases) {
      const response = await put(payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().code).toBe('request.invalid');
      expect(response.json().errors.map((error: { path: string }) => error.path), JSON.stringify(payload)).toContain(path);
    }
  });

  it('refuses rule breaks with 422 location.neighbourhood_invalid and field paths, changing nothing', async () => {
    const user = await createUser(t.app);
    await t.app.inject({ method: 'PUT', url: '/api/me/neighbourhood', headers: user.headers, payload: { regionCode: '41135', radiusKm: 6 } });
    const put = (payload: object) => t.app.inject({ method: 'PUT', url: '/api/me/neighbourhood', headers: user.headers, payload });
    const cases: [object, string[]][] = [
      [{ regionCode: '99999', radiusKm: 3 }, ['/regionCode']],
      [{ regionCode: '42110', radiusKm: 3 }, ['/regionCode']],
      [{ regionCode: '11680', radiusKm: 3, lat: 35.68, lng: 139.76 }, ['/lng']],
      [{ regionCode: '11680', radiusKm: 3, lat: 39.03, lng: 125.75 }, ['/lat']],
      [{ regionCode: '11680', radiusKm: 3, lat: 37.5 }, ['/lng']],
      [{ regionCode: '00000', radiusKm: 10, lng: 0 }, ['/regionCode', '/lat']],
    ];
    for (const [payload, paths] of cases) {
      const response = await put(payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(422);
      expect(response.json().code).toBe('location.neighbourhood_invalid');
      expect(response.json().errors.map((error: { path: string }) => error.path)).toEqual(paths);
    }
    const kept = await t.app.inject({ method: 'GET', url: '/api/me/neighbourhood', headers: user.headers });
    expect(kept.json()).toMatchObject({ regionCode: '41135', regionName: '경기도 성남시 분당구', radiusKm: 6 });
  });

  it('is erased with the account', async () => {
    const user = await createUser(t.app);
    await t.app.inject({ method: 'PUT', url: '/api/me/neighbourhood', headers: user.headers, payload: { regionCode: '11650', lat: 37.48, lng: 127.03, radiusKm: 1 } });
    const rows = () => t.database.handle.db.select().from(userNeighbourhoods).where(eq(userNeighbourhoods.userId, user.user.id));
    expect(await rows()).toHaveLength(1);
    const deleted = await t.app.inject({ method: 'DELETE', url: '/api/me', headers: user.headers, payload: { password: user.password } });
    expect(deleted.statusCode).toBe(204);
    expect(await rows()).toEqual([]);
  });
});
