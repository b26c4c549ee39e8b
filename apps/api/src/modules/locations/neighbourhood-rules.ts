import type { FieldError } from '../../platform/errors';

/** South Korea, padded a little: 마라도 33.11°N … 고성 38.61°N, 백령도 124.6°E … 독도 131.87°E. */
export const KOREA_BOUNDING_BOX = { minLat: 33.0, maxLat: 38.7, minLng: 124.5, maxLng: 132.0 } as const;

export interface PointInput {
  lat?: number | undefined;
  lng?: number | undefined;
}

export const isInKorea = (lat: number, lng: number): boolean =>
  lat >= KOREA_BOUNDING_BOX.minLat && lat <= KOREA_BOUNDING_BOX.maxLat && lng >= KOREA_BOUNDING_BOX.minLng && lng <= KOREA_BOUNDING_BOX.maxLng;

const OUTSIDE = '대한민국 안의 위치만 설정할 수 있어요.';

/** What is wrong with a point given as optional lat/lng fields (both or neither, inside Korea). */
export function pointProblems(input: PointInput, pathPrefix = ''): FieldError[] {
  const { lat, lng } = input;
  if (lat === undefined && lng === undefined) return [];
  if (lat === undefined || lng === undefined) {
    const missing = lat === undefined ? 'lat' : 'lng';
    return [{ path: `${pathPrefix}/${missing}`, message: '위도(lat)와 경도(lng)는 함께 보내 주세요.' }];
  }
  const problems: FieldError[] = [];
  if (lat < KOREA_BOUNDING_BOX.minLat || lat > KOREA_BOUNDING_BOX.maxLat) problems.push({ path: `${pathPrefix}/lat`, message: OUTSIDE });
  if (lng < KOREA_BOUNDING_BOX.minLng || lng > KOREA_BOUNDING_BOX.maxLng) problems.push({ path: `${pathPrefix}/lng`, message: OUTSIDE });
  return problems;
}

export interface NeighbourhoodCentre {
  lat: number;
  lng: number;
  pointSource: 'given' | 'region_centroid';
}

/** The centre of a neighbourhood: the given point, or the region's centroid when none was given. */
export function neighbourhoodCentre(input: PointInput, regionCentroid: { lat: number; lng: number }): NeighbourhoodCentre {
  if (input.lat !== undefined && input.lng !== undefined) return { lat: input.lat, lng: input.lng, pointSource: 'given' };
  return { lat: regionCentroid.lat, lng: regionCentroid.lng, pointSource: 'region_centroid' };
}

/** The 시군구 code a 10-digit 법정동/행정동 code (Kakao's b_code / h_code) belongs to. */
export function sigunguCodeOf(code: string | null | undefined): string | undefined {
  return code && /^[0-9]{10}$/.test(code) ? code.slice(0, 5) : undefined;
}
