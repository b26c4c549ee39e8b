import { and, count, desc, eq } from 'drizzle-orm';
import type { Executor } from '../../platform/db';
import { userAddresses } from './addresses.tables';

export type AddressRow = typeof userAddresses.$inferSelect;

export const addressesRepository = {
  list(ex: Executor, userId: string): Promise<AddressRow[]> {
    return ex
      .select()
      .from(userAddresses)
      .where(eq(userAddresses.userId, userId))
      .orderBy(desc(userAddresses.isDefault), desc(userAddresses.createdAt));
  },

  async countOf(ex: Executor, userId: string): Promise<number> {
    const [row] = await ex.select({ n: count() }).from(userAddresses).where(eq(userAddresses.userId, userId));
    return row?.n ?? 0;
  },

  async insert(ex: Executor, values: typeof userAddresses.$inferInsert): Promise<AddressRow> {
    const [row] = await ex.insert(userAddresses).values(values).returning();
    return row as AddressRow;
  },

  async update(ex: Executor, userId: string, id: string, patch: Partial<typeof userAddresses.$inferInsert>) {
    const [row] = await ex
      .update(userAddresses)
      .set(patch)
      .where(and(eq(userAddresses.id, id), eq(userAddresses.userId, userId)))
      .returning();
    return row;
  },

  async clearDefault(ex: Executor, userId: string) {
    await ex.update(userAddresses).set({ isDefault: false }).where(and(eq(userAddresses.userId, userId), eq(userAddresses.isDefault, true)));
  },

  async remove(ex: Executor, userId: string, id: string): Promise<AddressRow | undefined> {
    const [row] = await ex.delete(userAddresses).where(and(eq(userAddresses.id, id), eq(userAddresses.userId, userId))).returning();
    return row;
  },

  async removeAllOf(ex: Executor, userId: string) {
    await ex.delete(userAddresses).where(eq(userAddresses.userId, userId));
  },
};
