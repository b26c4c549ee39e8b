import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, pgTable, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../accounts';

/**
 * Every uploaded file. Bytes live in storage under `media/<id>/`; this row says whose it is,
 * what the bytes proved to be, how far processing got and what it is attached to. Rows (and
 * files) nobody attached within 24 hours are removed by the hourly `media.cleanup` job.
 */
export const media = pgTable(
  'media',
  {
    id: uuid('id').primaryKey(),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['image', 'video'] }).notNull(),
    status: text('status', { enum: ['uploaded', 'processing', 'ready', 'failed'] }).notNull(),
    failureReason: text('failure_reason'),
    /** The type the bytes proved (magic numbers), never the client's claim. */
    mime: text('mime').notNull(),
    /** Size of the upload as received. */
    bytes: bigint('bytes', { mode: 'number' }).notNull(),
    width: integer('width'),
    height: integer('height'),
    durationMs: integer('duration_ms'),
    progress: smallint('progress').notNull().default(0),
    /** What the media belongs to, as `{type, id}` of another domain; null = not attached yet. */
    attachedType: text('attached_type'),
    attachedId: text('attached_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    check('media_kind', sql`${table.kind} in ('image', 'video')`),
    check('media_status', sql`${table.status} in ('uploaded', 'processing', 'ready', 'failed')`),
    check('media_failed_has_reason', sql`(${table.status} = 'failed') = (${table.failureReason} is not null)`),
    check('media_progress', sql`${table.progress} between 0 and 100`),
    check('media_attached_pair', sql`(${table.attachedType} is null) = (${table.attachedId} is null)`),
    index('media_owner_idx').on(table.ownerId, table.createdAt),
    index('media_attached_idx').on(table.attachedType, table.attachedId),
    // The cleanup job's scan: unattached uploads by age.
    index('media_unattached_idx').on(table.createdAt).where(sql`${table.attachedType} is null`),
  ],
);
