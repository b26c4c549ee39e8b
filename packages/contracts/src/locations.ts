import { Type, type Static } from 'typebox';
import { IsoDateTime } from './common';

/** A 시도 (2 digits, e.g. `11`) or 시군구 (5 digits, e.g. `11680`) administrative code. */
export const RegionCode = Type.String({ pattern: '^[0-9]{2}([0-9]{3})?$', examples: ['11', '11680'] });
/** A 시군구 code: the unit a neighbourhood and a geocoded address belong to. */
export const SigunguCode = Type.String({ pattern: '^[0-9]{5}$', examples: ['11680'] });

export const Region = Type.Object(
  {
    code: RegionCode,
    name: Type.String({
      description: 'Full name: "서울특별시 강남구", "경기도 성남시 분당구"; a 시도 is its own name ("서울특별시"); 36110 is "세종특별자치시"',
      examples: ['서울특별시 강남구'],
    }),
    shortName: Type.String({ description: 'Name inside the 시도: "강남구", "성남시 분당구"', examples: ['강남구'] }),
    parentCode: Type.Union([Type.String({ pattern: '^[0-9]{2}$' }), Type.Null()], { description: 'The 시도 of a 시군구; null for a 시도' }),
    level: Type.Union([Type.Literal('sido'), Type.Literal('sigungu')]),
    lat: Type.Number({ description: 'Area-weighted centroid, WGS84 latitude' }),
    lng: Type.Number({ description: 'Area-weighted centroid, WGS84 longitude' }),
  },
  { title: 'Region' },
);
export type Region = Static<typeof Region>;

export const RegionList = Type.Object({ items: Type.Array(Region) }, { title: 'RegionList' });
export type RegionList = Static<typeof RegionList>;

/** Neighbourhood radii a user may choose, as Danggeun offers them. */
export const NEIGHBOURHOOD_RADII_KM = [1, 3, 6, 10] as const;
export const RadiusKm = Type.Union([Type.Literal(1), Type.Literal(3), Type.Literal(6), Type.Literal(10)], {
  description: 'Radius around the point, in km: 1, 3, 6 or 10',
});
export type RadiusKm = Static<typeof RadiusKm>;

export const Latitude = Type.Number({ minimum: -90, maximum: 90 });
export const Longitude = Type.Number({ minimum: -180, maximum: 180 });

export const NeighbourhoodBody = Type.Object(
  {
    regionCode: SigunguCode,
    lat: Type.Optional(Latitude),
    lng: Type.Optional(Longitude),
    radiusKm: RadiusKm,
  },
  {
    additionalProperties: false,
    description: 'lat and lng come together and lie in South Korea; without them the region centroid is the centre',
  },
);
export type NeighbourhoodBody = Static<typeof NeighbourhoodBody>;

export const Neighbourhood = Type.Object(
  {
    regionCode: SigunguCode,
    regionName: Type.String({ examples: ['서울특별시 강남구'] }),
    lat: Type.Number(),
    lng: Type.Number(),
    radiusKm: RadiusKm,
    pointSource: Type.Union([Type.Literal('given'), Type.Literal('region_centroid')], {
      description: 'given: the client sent the point; region_centroid: the centre of the region was used',
    }),
    updatedAt: IsoDateTime,
  },
  { title: 'Neighbourhood' },
);
export type Neighbourhood = Static<typeof Neighbourhood>;

export const GeocodeQuery = Type.Object({ query: Type.String({ minLength: 2, maxLength: 200, description: '주소, 예: 서울 강남구 테헤란로 152' }) });
export type GeocodeQuery = Static<typeof GeocodeQuery>;

export const ReverseGeocodeQuery = Type.Object({ lat: Latitude, lng: Longitude });
export type ReverseGeocodeQuery = Static<typeof ReverseGeocodeQuery>;

export const GeocodeResult = Type.Object(
  {
    lat: Type.Number(),
    lng: Type.Number(),
    regionCode: SigunguCode,
    regionKnown: Type.Boolean({
      description: 'false when the geocoder names a 시군구 newer than the region list (then ask the user to pick a region)',
    }),
    addressName: Type.String({ examples: ['서울 강남구 역삼동 737'] }),
  },
  { title: 'GeocodeResult' },
);
export type GeocodeResult = Static<typeof GeocodeResult>;
