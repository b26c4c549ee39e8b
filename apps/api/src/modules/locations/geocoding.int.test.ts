import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, createUser, type SignedUpUser, type TestApp } from '../../testing/test-app';

/**
 * A local stand-in for Kakao Local (dapi.kakao.com) answering with the documented response
 * shapes: `/v2/local/search/address.json` and `/v2/local/geo/coord2regioncode.json`.
 */
const KEY = 'test-kakao-rest-key';
type Handler = (url: URL, request: IncomingMessage, response: ServerResponse) => void;
let handler: Handler;
const seen: { path: string; query: Record<string, string>; authorization: string | undefined }[] = [];
let kakao: Server;
let kakaoUrl: string;

const json = (response: ServerResponse, status: number, body: unknown) => {
  response.writeHead(status, { 'content-type': 'application/json;charset=UTF-8' });
  response.end(JSON.stringify(body));
};

const yeoksamAddress = {
  address_name: '서울 강남구 역삼동 737',
  address_type: 'REGION_ADDR',
  x: '127.036508620542',
  y: '37.5000242405515',
  address: {
    address_name: '서울 강남구 역삼동 737',
    region_1depth_name: '서울',
    region_2depth_name: '강남구',
    region_3depth_name: '역삼동',
    region_3depth_h_name: '역삼1동',
    h_code: '1168064000',
    b_code: '1168010100',
    mountain_yn: 'N',
    main_address_no: '737',
    sub_address_no: '',
    x: '127.036508620542',
    y: '37.5000242405515',
  },
  road_address: {
    address_name: '서울 강남구 테헤란로 152',
    region_1depth_name: '서울',
    region_2depth_name: '강남구',
    region_3depth_name: '역삼동',
    road_name: '테헤란로',
    underground_yn: 'N',
    main_building_no: '152',
    sub_building_no: '',
    building_name: '강남파이낸스센터',
    zone_no: '06236',
    x: '127.036508620542',
    y: '37.5000242405515',
  },
};

const regionDocuments = (bCode: string, hCode: string, name: string) => [
  { region_type: 'B', code: bCode, address_name: name, region_1depth_name: '경기도', region_2depth_name: '성남시 분당구', region_3depth_name: '정자동', region_4depth_name: '', x: 127.1086, y: 37.3595 },
  { region_type: 'H', code: hCode, address_name: name, region_1depth_name: '경기도', region_2depth_name: '성남시 분당구', region_3depth_name: '정자1동', region_4depth_name: '', x: 127.1086, y: 37.3595 },
];

beforeAll(async () => {
  kakao = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://kakao.test');
    seen.push({ path: url.pathname, query: Object.fromEntries(url.searchParams), authorization: request.headers.authorization });
    if (request.headers.authorization !== `KakaoAK ${KEY}`) return json(response, 401, { errorType: 'AccessDeniedError', message: 'wrong appKey' });
    handler(url, request, response);
  });
  await new Promise<void>((resolve) => kakao.listen(0, '127.0.0.1', resolve));
  kakaoUrl = `http://127.0.0.1:${(kakao.address() as AddressInfo).port}`;
});
afterAll(async () => {
  kakao.closeAllConnections();
  await new Promise((resolve) => kakao.close(resolve));
});
beforeEach(() => {
  seen.length = 0;
  handler = (url, _request, response) => {
    if (url.pathname === '/v2/local/search/address.json') {
      return json(response, 200, { meta: { total_count: 1, pageable_count: 1, is_end: true }, documents: [yeoksamAddress] });
    }
    if (url.pathname === '/v2/local/geo/coord2regioncode.json') {
      return json(response, 200, { meta: { total_count: 2 }, documents: regionDocuments('4113510300', '4113565000', '경기도 성남시 분당구 정자동') });
    }
    return json(response, 404, { message: 'no such API' });
  };
});

describe('with Kakao configured', () => {
  let t: TestApp;
  let user: SignedUpUser;
  beforeAll(async () => {
    t = await createTestApp({ env: { KAKAO_REST_API_KEY: KEY, KAKAO_LOCAL_URL: kakaoUrl, GEOCODER_TIMEOUT_MS: '300' } });
    user = await createUser(t.app);
  });
  afterAll(() => t.close());

  const geocode = (query: string) => t.app.inject({ method: 'GET', url: `/api/geocode?query=${encodeURIComponent(query)}`, headers: user.headers });
  const reverse = (lat: number, lng: number) => t.app.inject({ method: 'GET', url: `/api/geocode/reverse?lat=${lat}&lng=${lng}`, headers: user.headers });

  it('401 without a token, before Kakao is asked', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/geocode?query=역삼동' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/geocode/reverse?lat=37.5&lng=127' })).statusCode).toBe(401);
    expect(seen).toEqual([]);
  });

  it('turns an address into coordinates and the 시군구 of its 법정동 code', async () => {
    const response = await geocode('테헤란로 152');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ lat: 37.5000242405515, lng: 127.036508620542, regionCode: '11680', regionKnown: true, addressName: '서울 강남구 역삼동 737' });
    expect(seen).toEqual([{ path: '/v2/local/search/address.json', query: { query: '테헤란로 152', size: '1' }, authorization: `KakaoAK ${KEY}` }]);
  });

  it('falls back to h_code, then to coord2regioncode when the match has no 법정동 code', async () => {
    handler = (url, _request, response) => {
      if (url.pathname === '/v2/local/search/address.json' && url.searchParams.get('query') === '역삼동 h') {
        return json(response, 200, { meta: { total_count: 1 }, documents: [{ ...yeoksamAddress, address: { ...yeoksamAddress.address, b_code: '' } }] });
      }
      if (url.pathname === '/v2/local/search/address.json') {
        return json(response, 200, { meta: { total_count: 1 }, documents: [{ address_name: '경기 성남시 분당구 불정로 6', address_type: 'ROAD_ADDR', x: '127.1052133', y: '37.3595316', address: null, road_address: { address_name: '경기 성남시 분당구 불정로 6' } }] });
      }
      return json(response, 200, { meta: { total_count: 2 }, documents: regionDocuments('4113510300', '4113565000', '경기도 성남시 분당구 정자동') });
    };
    expect((await geocode('역삼동 h')).json()).toMatchObject({ regionCode: '11680' });
    const roadOnly = await geocode('불정로 6');
    expect(roadOnly.json()).toEqual({ lat: 37.3595316, lng: 127.1052133, regionCode: '41135', regionKnown: true, addressName: '경기 성남시 분당구 불정로 6' });
    expect(seen.map((call) => call.path)).toEqual(['/v2/local/search/address.json', '/v2/local/search/address.json', '/v2/local/geo/coord2regioncode.json']);
    expect(seen[2]?.query).toEqual({ x: '127.1052133', y: '37.3595316' });
  });

  it('says when Kakao names a 시군구 newer than the region list', async () => {
    handler = (_url, _request, response) =>
      json(response, 200, { meta: { total_count: 1 }, documents: [{ ...yeoksamAddress, address: { ...yeoksamAddress.address, b_code: '2899910100', h_code: '' } }] });
    expect((await geocode('영종도')).json()).toMatchObject({ regionCode: '28999', regionKnown: false });
  });

  it('404 location.address_not_found when Kakao finds nothing', async () => {
    handler = (url, _request, response) => json(response, 200, { meta: { total_count: 0, pageable_count: 0, is_end: true }, documents: [] });
    const response = await geocode('없는주소 999');
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json().code).toBe('location.address_not_found');
    expect((await reverse(37.0, 125.0)).json().code).toBe('location.address_not_found');
  });

  it('502 location.geocoder_unavailable on an error answer, a broken body, a wrong key or a timeout', async () => {
    const failures: Handler[] = [
      (_url, _request, response) => json(response, 500, { code: -1, msg: 'internal error' }),
      (_url, _request, response) => json(response, 429, { errorType: 'RequestThrottled', message: 'quota' }),
      (_url, _request, response) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end('<html>oops</html>');
      },
      (_url, _request, response) => json(response, 200, { meta: {} }),
      (_url, _request, response) => json(response, 200, { documents: [{ ...yeoksamAddress, x: 'east', y: 'north' }] }),
      (_url, _request, response) => setTimeout(() => json(response, 200, { documents: [] }), 1500),
    ];
    for (const failure of failures) {
      handler = failure;
      const response = await geocode('테헤란로 152');
      expect(response.statusCode).toBe(502);
      expect(response.json()).toMatchObject({ status: 502, code: 'location.geocoder_unavailable', title: 'Bad Gateway' });
    }
    const wrongKey = await createTestApp({ env: { KAKAO_REST_API_KEY: 'not-the-key', KAKAO_LOCAL_URL: kakaoUrl }, shareDatabaseWith: t });
    try {
      const other = await createUser(wrongKey.app);
      const response = await wrongKey.app.inject({ method: 'GET', url: '/api/geocode?query=역삼동', headers: other.headers });
      expect(response.statusCode).toBe(502);
      expect(JSON.stringify(response.json())).not.toContain('not-the-key');
    } finally {
      await wrongKey.close();
    }
  });

  it('502 when Kakao is not listening at all', async () => {
    const closed = await createTestApp({ env: { KAKAO_REST_API_KEY: KEY, KAKAO_LOCAL_URL: 'http://127.0.0.1:9' }, shareDatabaseWith: t });
    try {
      const other = await createUser(closed.app);
      const response = await closed.app.inject({ method: 'GET', url: '/api/geocode?query=역삼동', headers: other.headers });
      expect(response.statusCode).toBe(502);
      expect(response.json().code).toBe('location.geocoder_unavailable');
    } finally {
      await closed.close();
    }
  });

  it('turns coordinates into their 시군구, refusing points outside Korea (422) and bad numbers (400)', async () => {
    const response = await reverse(37.3595, 127.1086);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ lat: 37.3595, lng: 127.1086, regionCode: '41135', regionKnown: true, addressName: '경기도 성남시 분당구 정자동' });
    expect(seen.at(-1)).toMatchObject({ path: '/v2/local/geo/coord2regioncode.json', query: { x: '127.1086', y: '37.3595' } });

    seen.length = 0;
    const tokyo = await reverse(35.68, 139.76);
    expect(tokyo.statusCode).toBe(422);
    expect(tokyo.json()).toMatchObject({ code: 'location.outside_korea', errors: [{ path: '/querystring/lng' }] });
    const bad = await t.app.inject({ method: 'GET', url: '/api/geocode/reverse?lat=north&lng=127', headers: user.headers });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('/querystring/lat');
    const short = await t.app.inject({ method: 'GET', url: '/api/geocode?query=a', headers: user.headers });
    expect(short.statusCode).toBe(400);
    expect(seen).toEqual([]);
  });
});

describe('rate limit', () => {
  it('429 after GEOCODE_RATE_LIMIT calls a minute from one client', async () => {
    const t = await createTestApp({ env: { KAKAO_REST_API_KEY: KEY, KAKAO_LOCAL_URL: kakaoUrl, GEOCODE_RATE_LIMIT: '2' } });
    try {
      const user = await createUser(t.app);
      const call = () => t.app.inject({ method: 'GET', url: '/api/geocode?query=역삼동', headers: user.headers });
      expect((await call()).statusCode).toBe(200);
      expect((await call()).statusCode).toBe(200);
      const limited = await call();
      expect(limited.statusCode).toBe(429);
      expect(limited.json().code).toBe('request.rate_limited');
    } finally {
      await t.close();
    }
  });
});

describe('without a Kakao key', () => {
  it('503 location.geocoder_not_configured, so the web app asks for a region instead', async () => {
    const t = await createTestApp();
    try {
      const user = await createUser(t.app);
      for (const url of ['/api/geocode?query=역삼동', '/api/geocode/reverse?lat=37.5&lng=127.03']) {
        const response = await t.app.inject({ method: 'GET', url, headers: user.headers });
        expect(response.statusCode).toBe(503);
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(response.json()).toMatchObject({ status: 503, code: 'location.geocoder_not_configured' });
      }
    } finally {
      await t.close();
    }
  });
});
