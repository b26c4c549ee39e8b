import { eq } from 'drizzle-orm';
import type { Executor } from '../../platform/db';
import { userNeighbourhoods } from './locations.tables';

export type NeighbourhoodRow = typeof userNeighbourhoods.$inferSelect;
export type NeighbourhoodValues = Omit<typeof userNeighbourhoods.$inferInsert, 'updatedAt'> & { updatedAt: Date };

export const neighbourhoodsRepository = {
  async find(ex: Executor, userId: string): Promise<NeighbourhoodRow | undefined> {
    const [row] = await ex.select().from(userNeighbourhoods).where(eq(userNeighbourhoods.userId, userId));
    return row;
  },

  /** One neighbourhood per user: the last write wins. */
  async upsert(ex: Executor, values: NeighbourhoodValues): Promise<NeighbourhoodRow> {
    const { userId: _userId, ...changes } = values;
    const [row] = await ex
      .insert(userNeighbourhoods)
      .values(values)
      .onConflictDoUpdate({ target: userNeighbourhoods.userId, set: changes })
      .returning();
    return row as NeighbourhoodRow;
  },

  async remove(ex: Executor, userId: string): Promise<boolean> {
    const rows = await ex.delete(userNeighbourhoods).where(eq(userNeighbourhoods.userId, userId)).returning({ userId: userNeighbourhoods.userId });
    return rows.length > 0;
  },
};
