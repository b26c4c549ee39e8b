import { sql } from 'drizzle-orm';
import { check, doublePrecision, index, pgTable, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { earthIndex } from '../../platform/geo';
import { users } from '../accounts';

/**
 * A user's neighbourhood (동네): a centre point and a radius (1/3/6/10 km), and the 시군구 it
 * belongs to. The point is a user's chosen place, often their home: it is personal data, shown
 * only to its owner, and used by other modules only through distance filters.
 */
export const userNeighbourhoods = pgTable(
  'user_neighbourhoods',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    regionCode: text('region_code').notNull(),
    lat: doublePrecision('lat').notNull(),
    lng: doublePrecision('lng').notNull(),
    radiusKm: smallint('radius_km').notNull(),
    /** given: the user sent the point; region_centroid: the centre of the region stands in. */
    pointSource: text('point_source', { enum: ['given', 'region_centroid'] }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    check('user_neighbourhoods_radius_km', sql`${table.radiusKm} in (1, 3, 6, 10)`),
    check('user_neighbourhoods_region_code', sql`${table.regionCode} ~ '^[0-9]{5}$'`),
    check('user_neighbourhoods_in_korea', sql`${table.lat} between 33.0 and 38.7 and ${table.lng} between 124.5 and 132.0`),
    check('user_neighbourhoods_point_source', sql`${table.pointSource} in ('given', 'region_centroid')`),
    // "Neighbours within r km of a place" (e.g. notify nearby users) runs through this index.
    index('user_neighbourhoods_earth_idx').using('gist', earthIndex(table)),
  ],
);
