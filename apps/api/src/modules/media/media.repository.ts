import { and, eq, inArray, isNull, lt } from 'drizzle-orm';
import type { Executor } from '../../platform/db';
import { media } from './media.tables';

export type MediaRow = typeof media.$inferSelect;
export type NewMediaRow = typeof media.$inferInsert;
export type MediaStatusName = MediaRow['status'];

export const mediaRepository = {
  async insert(ex: Executor, values: NewMediaRow): Promise<MediaRow> {
    const [row] = await ex.insert(media).values(values).returning();
    return row as MediaRow;
  },

  async find(ex: Executor, id: string): Promise<MediaRow | undefined> {
    const [row] = await ex.select().from(media).where(eq(media.id, id));
    return row;
  },

  /** The rows, locked against a concurrent attach or cleanup until the transaction ends. */
  async lockMany(ex: Executor, ids: readonly string[]): Promise<MediaRow[]> {
    if (ids.length === 0) return [];
    return ex.select().from(media).where(inArray(media.id, [...ids])).for('update');
  },

  async setAttachment(ex: Executor, ids: readonly string[], subject: { type: string; id: string } | null, now: Date) {
    if (ids.length === 0) return;
    await ex
      .update(media)
      .set({ attachedType: subject?.type ?? null, attachedId: subject?.id ?? null, updatedAt: now })
      .where(inArray(media.id, [...ids]));
  },

  async detachSubject(ex: Executor, subject: { type: string; id: string }, ids: readonly string[] | undefined, now: Date): Promise<number> {
    const rows = await ex
      .update(media)
      .set({ attachedType: null, attachedId: null, updatedAt: now })
      .where(
        and(eq(media.attachedType, subject.type), eq(media.attachedId, subject.id), ids ? inArray(media.id, [...ids]) : undefined),
      )
      .returning({ id: media.id });
    return rows.length;
  },

  /** Compare-and-swap: moves the row only when it is in one of `from`. */
  async transition(
    ex: Executor,
    id: string,
    from: readonly MediaStatusName[],
    changes: Partial<Pick<MediaRow, 'status' | 'failureReason' | 'progress' | 'width' | 'height' | 'durationMs'>> & { updatedAt: Date },
  ): Promise<MediaRow | undefined> {
    const [row] = await ex
      .update(media)
      .set(changes)
      .where(and(eq(media.id, id), inArray(media.status, [...from])))
      .returning();
    return row;
  },

  async setProgress(ex: Executor, id: string, progress: number, now: Date) {
    await ex
      .update(media)
      .set({ progress, updatedAt: now })
      .where(and(eq(media.id, id), eq(media.status, 'processing')));
  },

  async unattachedBefore(ex: Executor, cutoff: Date, limit: number): Promise<{ id: string }[]> {
    return ex
      .select({ id: media.id })
      .from(media)
      .where(and(isNull(media.attachedType), lt(media.createdAt, cutoff)))
      .orderBy(media.createdAt)
      .limit(limit);
  },

  /** Deletes those of `ids` that are still unattached and older than `cutoff`; returns the ones it deleted. */
  async deleteUnattached(ex: Executor, ids: readonly string[], cutoff: Date): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows = await ex
      .delete(media)
      .where(and(inArray(media.id, [...ids]), isNull(media.attachedType), lt(media.createdAt, cutoff)))
      .returning({ id: media.id });
    return rows.map((row) => row.id);
  },

};
