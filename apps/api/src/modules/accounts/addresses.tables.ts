import { sql } from 'drizzle-orm';
import { boolean, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.tables';

/**
 * A user's saved addresses (delivery pickup, billing). The road address is what a map shows;
 * the detail (동·호수) identifies a home and is sealed with the personal-data key.
 */
export const userAddresses = pgTable(
  'user_addresses',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    label: text('label').notNull(),
    zipCode: text('zip_code').notNull(),
    roadAddress: text('road_address').notNull(),
    /** Sealed with FieldCipher. */
    detailEncrypted: text('detail_encrypted'),
    regionCode: text('region_code'),
    isDefault: boolean('is_default').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('user_addresses_user_idx').on(table.userId, table.createdAt),
    uniqueIndex('user_addresses_one_default').on(table.userId).where(sql`${table.isDefault}`),
  ],
);
