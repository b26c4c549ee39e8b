import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';

/**
 * Great-circle distance, in TypeScript and in SQL, on one sphere.
 *
 * Distances use the IUGG mean Earth radius (6371.0088 km). PostgreSQL's earthdistance works on a
 * sphere of radius earth() = 6378168 m; its great-circle distances are that radius times the
 * central angle, so they are 0.11% longer than on the mean sphere. Rather than redefining earth()
 * (an extension function that index expressions depend on), the SQL helpers below scale their
 * radii and distances by EARTHDISTANCE_SCALE, so `distanceKm` in SQL equals `haversineKm` here
 * (to rounding) and `withinKm(…, 10)` means 10 km as haversineKm measures it.
 *
 * Queries go through a GiST index on `ll_to_earth(lat, lng)` (declare it with `earthIndex`):
 * `earth_box(centre, r) @> ll_to_earth(lat, lng)` is the indexable prefilter (a cube that
 * contains the sphere cap), `earth_distance(…) <= r` the exact check, and `nearestFirst` orders by
 * the cube distance `<->` (the chord, monotonic in the great-circle distance), which the same
 * index serves as a nearest-neighbour scan.
 */
export const EARTH_MEAN_RADIUS_KM = 6371.0088;
/** earthdistance's default earth() in km. */
export const EARTHDISTANCE_RADIUS_KM = 6378.168;
/** earthdistance metres per metre on the mean sphere. */
export const EARTHDISTANCE_SCALE = EARTHDISTANCE_RADIUS_KM / EARTH_MEAN_RADIUS_KM;

export interface LatLng {
  lat: number;
  lng: number;
}

const radians = (degrees: number) => (degrees * Math.PI) / 180;

/** Haversine great-circle distance in km (on the mean sphere unless another radius is given). */
export function haversineKm(a: LatLng, b: LatLng, radiusKm = EARTH_MEAN_RADIUS_KM): number {
  const dLat = radians(b.lat - a.lat);
  const dLng = radians(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(radians(a.lat)) * Math.cos(radians(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * radiusKm * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The latitude/longitude columns (or expressions) of a table with points. */
export interface PointColumns {
  lat: SQLWrapper;
  lng: SQLWrapper;
}

/** `ll_to_earth(lat, lng)`: the expression the GiST index is built on; queries must use the same one. */
export const earthPoint = (point: PointColumns): SQL => sql`ll_to_earth(${point.lat}, ${point.lng})`;

/**
 * For a table definition: `index('things_earth_idx').using('gist', earthIndex(table))`.
 * Columns must be `double precision` so the index expression and the queries match.
 */
export const earthIndex = (table: PointColumns): SQL => earthPoint(table);

const centre = (at: LatLng): SQL => sql`ll_to_earth(${at.lat}::float8, ${at.lng}::float8)`;
const earthMetres = (km: number) => km * 1000 * EARTHDISTANCE_SCALE;

/** Rows whose point lies within `radiusKm` of `at` (boundary included), found through the GiST index. */
export function withinKm(point: PointColumns, at: LatLng, radiusKm: number): SQL {
  const metres = earthMetres(radiusKm);
  return sql`(earth_box(${centre(at)}, ${metres}::float8) @> ${earthPoint(point)} and earth_distance(${centre(at)}, ${earthPoint(point)}) <= ${metres}::float8)`;
}

/** The distance of a row's point from `at`, in km on the mean sphere (equals haversineKm). */
export function distanceKm(point: PointColumns, at: LatLng): SQL<number> {
  return sql<number>`(earth_distance(${centre(at)}, ${earthPoint(point)}) / ${EARTHDISTANCE_SCALE * 1000}::float8)`.mapWith(Number);
}

/** ORDER BY expression: nearest first, served by the GiST index as a nearest-neighbour scan. */
export function nearestFirst(point: PointColumns, at: LatLng): SQL {
  return sql`${earthPoint(point)} <-> ${centre(at)}`;
}
