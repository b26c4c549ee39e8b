import { asc, sql } from 'drizzle-orm';
import { doublePrecision, integer, pgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { distanceKm, earthIndex, haversineKm, nearestFirst, withinKm, type LatLng } from '../../platform/geo';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database';

/**
 * platform/geo's SQL fragments against the database: on a throwaway table of random points
 * around Seoul, "within r km, nearest first" must return exactly the points haversineKm puts
 * within r km, in haversineKm's order, through the GiST index.
 */
const probes = pgTable('geo_probe', { id: integer('id').primaryKey(), lat: doublePrecision('lat').notNull(), lng: doublePrecision('lng').notNull() });
const INDEX = 'geo_probe_earth_idx';
const POINTS = 4000;
const SEOUL: LatLng = { lat: 37.5665, lng: 126.978 };

/** mulberry32: a seeded generator, so a failure can be replayed. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const seed = Number(process.env.GEO_SEED ?? Date.now() % 1_000_000);
const next = random(seed);
/** A point within about ±30 km of Seoul City Hall. */
const around = (): LatLng => ({ lat: SEOUL.lat + (next() - 0.5) * 0.54, lng: SEOUL.lng + (next() - 0.5) * 0.68 });

let database: TestDatabase;
const points: (LatLng & { id: number })[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database.handle;
  await db.execute(sql`create table geo_probe (id integer primary key, lat double precision not null, lng double precision not null)`);
  await db.execute(sql`create index ${sql.identifier(INDEX)} on geo_probe using gist (${earthIndex({ lat: sql.identifier('lat'), lng: sql.identifier('lng') })})`);
  for (let id = 1; id <= POINTS; id++) points.push({ id, ...around() });
  // A few exact duplicates and the centre itself: ties and zero distances.
  points.push({ id: POINTS + 1, ...SEOUL }, { id: POINTS + 2, ...SEOUL });
  for (let start = 0; start < points.length; start += 1000) await db.insert(probes).values(points.slice(start, start + 1000));
  await db.execute(sql`analyze geo_probe`);
});
afterAll(() => database.drop());

/** Ids within radiusKm by haversine; points within a micrometre of the boundary may go either way. */
function expected(centre: LatLng, radiusKm: number) {
  const inside = new Set<number>();
  const borderline = new Set<number>();
  for (const point of points) {
    const distance = haversineKm(centre, point);
    if (Math.abs(distance - radiusKm) < 1e-9) borderline.add(point.id);
    else if (distance < radiusKm) inside.add(point.id);
  }
  return { inside, borderline };
}

function query(centre: LatLng, radiusKm: number) {
  return database.handle.db
    .select({ id: probes.id, lat: probes.lat, lng: probes.lng, distance: distanceKm(probes, centre) })
    .from(probes)
    .where(withinKm(probes, centre, radiusKm))
    .orderBy(nearestFirst(probes, centre), asc(probes.id));
}

describe(`withinKm / distanceKm / nearestFirst (seed ${seed}: GEO_SEED=${seed} replays it)`, () => {
  it('return exactly the points haversineKm puts within the radius, nearest first, for random centres and radii', async () => {
    const radii = [1, 3, 6, 10, 0.25, 2.5, 7.77];
    let compared = 0;
    for (let round = 0; round < 40; round++) {
      const centre = round === 0 ? SEOUL : around();
      const radiusKm = radii[round % radii.length] ?? 1;
      const rows = await query(centre, radiusKm);
      const { inside, borderline } = expected(centre, radiusKm);
      const got = new Set(rows.map((row) => row.id).filter((id) => !borderline.has(id)));
      expect([...got].sort((a, b) => a - b), `centre ${JSON.stringify(centre)} r=${radiusKm}`).toEqual([...inside].sort((a, b) => a - b));
      let previous = -1;
      for (const row of rows) {
        const haversine = haversineKm(centre, row);
        expect(Math.abs(row.distance - haversine)).toBeLessThan(1e-6);
        expect(haversine).toBeGreaterThanOrEqual(previous - 1e-9);
        previous = haversine;
      }
      compared += rows.length;
    }
    expect(compared).toBeGreaterThan(1000);
  });

  it('includes the centre itself at distance 0 and excludes everything for a tiny radius away from points', async () => {
    const rows = await query(SEOUL, 0.000001);
    expect(rows.map((row) => row.id)).toEqual([POINTS + 1, POINTS + 2]);
    expect(rows.every((row) => row.distance < 1e-9)).toBe(true);
    expect(await query({ lat: 35.1796, lng: 129.0756 }, 10)).toEqual([]);
  });

  it('use the GiST index for the radius filter and for nearest-first with a limit', async () => {
    const { db } = database.handle;
    const centre = around();
    const filter = db.select({ id: probes.id }).from(probes).where(withinKm(probes, centre, 1)).toSQL();
    const nearest = db.select({ id: probes.id }).from(probes).orderBy(nearestFirst(probes, centre)).limit(5).toSQL();
    const plan = async (statement: { sql: string; params: unknown[] }, forceIndex: boolean) =>
      db.transaction(async (tx) => {
        // PGlite and small tables may make a sequential scan look cheaper; the index must still be usable.
        if (forceIndex) await tx.execute(sql`set local enable_seqscan = off`);
        const explained = await tx.execute<{ 'QUERY PLAN': string }>(sql.raw(`explain ${inline(statement)}`));
        return explained.rows.map((row) => row['QUERY PLAN']).join('\n');
      });
    expect(await plan(filter, true)).toContain(INDEX);
    expect(await plan(nearest, true)).toMatch(new RegExp(`Index Scan using ${INDEX}[\\s\\S]*Order By`));
    if (database.driver === 'postgres') {
      // With statistics, PostgreSQL chooses the index on its own for a 1 km radius among 4000 points over ~60 km.
      expect(await plan(filter, false)).toContain(INDEX);
      expect(await plan(nearest, false)).toContain(INDEX);
    }
  });
});

/** EXPLAIN takes no bind parameters: inline the numbers drizzle passed as $1, $2, … */
function inline(statement: { sql: string; params: unknown[] }): string {
  return statement.sql.replace(/\$(\d+)/g, (_match, index: string) => {
    const value = statement.params[Number(index) - 1];
    if (typeof value !== 'number') throw new Error(`unexpected parameter ${String(value)}`);
    return String(value);
  });
}
