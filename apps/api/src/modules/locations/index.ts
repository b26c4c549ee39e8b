import type { RouteApp } from '../../platform/http';
import type { Platform } from '../../platform/platform';
import { geocodingRoutes } from './geocoding.routes';
import { GeocodingService } from './geocoding.service';
import { KakaoLocalGeocoder, type Geocoder } from './kakao-local';
import { locationsRoutes } from './locations.routes';
import { LocationsService } from './locations.service';
import { regionCatalog } from './region-catalog';

export type { LocationsService } from './locations.service';
export type { GeocodingService } from './geocoding.service';
export { KOREA_BOUNDING_BOX, isInKorea } from './neighbourhood-rules';
/** Distance filters for other modules' repositories live in platform/geo (withinKm, distanceKm, nearestFirst, earthIndex). */

export interface LocationsModuleOptions {
  /** Tests may put a fake geocoder here; otherwise Kakao Local when KAKAO_REST_API_KEY is set. */
  geocoder?: Geocoder;
}

export function createLocationsModule(platform: Platform, options: LocationsModuleOptions = {}) {
  const { config } = platform;
  const { kakaoRestApiKey, kakaoLocalUrl, timeoutMs, rateLimitPerMinute } = config.geocoding;
  const geocoder =
    options.geocoder ?? (kakaoRestApiKey ? new KakaoLocalGeocoder({ baseUrl: kakaoLocalUrl, apiKey: kakaoRestApiKey, timeoutMs }) : undefined);
  const locations = new LocationsService(platform.database.db, platform.clock, regionCatalog);
  const geocoding = new GeocodingService(geocoder, regionCatalog);
  return {
    locations,
    geocoding,
    async routes(app: RouteApp) {
      await locationsRoutes(app, { locations });
      await geocodingRoutes(app, { geocoding, rateLimitPerMinute });
    },
  };
}

export type LocationsModule = ReturnType<typeof createLocationsModule>;
