import { GeocodeQuery, GeocodeResult, ReverseGeocodeQuery } from '@dongne/contracts';
import type { RouteApp } from '../../platform/http';
import { perMinute } from '../../platform/rate-limit';
import type { GeocodingService } from './geocoding.service';

const tags = ['locations'];
const security = [{ bearer: [] }];

/**
 * Address search for signed-in users. Each call spends the operator's Kakao quota, so the routes
 * are rate-limited per client; without a Kakao key they answer 503 location.geocoder_not_configured.
 */
export async function geocodingRoutes(app: RouteApp, deps: { geocoding: GeocodingService; rateLimitPerMinute: number }) {
  const { geocoding } = deps;
  const options = { preHandler: app.authenticate, config: perMinute(deps.rateLimitPerMinute) };

  app.get(
    '/api/geocode',
    { ...options, schema: { tags, security, summary: '주소 → 좌표와 시군구 (카카오 로컬)', querystring: GeocodeQuery, response: { 200: GeocodeResult } } },
    async (request) => geocoding.geocode(request.query.query),
  );

  app.get(
    '/api/geocode/reverse',
    { ...options, schema: { tags, security, summary: '좌표 → 시군구 (카카오 로컬)', querystring: ReverseGeocodeQuery, response: { 200: GeocodeResult } } },
    async (request) => geocoding.reverse(request.query.lat, request.query.lng),
  );
}
