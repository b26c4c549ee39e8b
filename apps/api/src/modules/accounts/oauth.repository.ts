import { and, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db';
import { oauthFlows, oauthIdentities, oauthLinkTickets, users } from './accounts.tables';

export type OAuthFlowRow = typeof oauthFlows.$inferSelect;
export type OAuthIdentityRow = typeof oauthIdentities.$inferSelect;
export type OAuthLinkTicketRow = typeof oauthLinkTickets.$inferSelect;
type Provider = OAuthIdentityRow['provider'];

export const oauthFlowsRepository = {
  async insert(ex: Executor, values: typeof oauthFlows.$inferInsert) {
    await ex.insert(oauthFlows).values(values);
  },

  /** Compare-and-swap on used_at: a state is accepted once, for its own provider, before it expires. */
  async consume(ex: Executor, stateHash: string, provider: Provider, now: Date): Promise<OAuthFlowRow | undefined> {
    const [row] = await ex
      .update(oauthFlows)
      .set({ usedAt: now })
      .where(
        and(
          eq(oauthFlows.stateHash, stateHash),
          eq(oauthFlows.provider, provider),
          isNull(oauthFlows.usedAt),
          gt(oauthFlows.expiresAt, now),
        ),
      )
      .returning();
    return row;
  },

  async find(ex: Executor, stateHash: string): Promise<OAuthFlowRow | undefined> {
    const [row] = await ex.select().from(oauthFlows).where(eq(oauthFlows.stateHash, stateHash)).limit(1);
    return row;
  },

  /** Housekeeping: flows and tickets are worthless a while after they expire. */
  async deleteExpired(ex: Executor, before: Date) {
    await ex.delete(oauthFlows).where(lt(oauthFlows.expiresAt, before));
    await ex.delete(oauthLinkTickets).where(lt(oauthLinkTickets.expiresAt, before));
  },
};

export const oauthTicketsRepository = {
  async insert(ex: Executor, values: typeof oauthLinkTickets.$inferInsert) {
    await ex.insert(oauthLinkTickets).values(values);
  },

  async find(ex: Executor, ticketHash: string): Promise<OAuthLinkTicketRow | undefined> {
    const [row] = await ex.select().from(oauthLinkTickets).where(eq(oauthLinkTickets.ticketHash, ticketHash)).limit(1);
    return row;
  },

  /** Compare-and-swap: one confirmation per ticket, even under concurrent submits. */
  async spend(ex: Executor, ticketHash: string, now: Date): Promise<OAuthLinkTicketRow | undefined> {
    const [row] = await ex
      .update(oauthLinkTickets)
      .set({ usedAt: now })
      .where(
        and(
          eq(oauthLinkTickets.ticketHash, ticketHash),
          isNull(oauthLinkTickets.usedAt),
          gt(oauthLinkTickets.expiresAt, now),
        ),
      )
      .returning();
    return row;
  },
};

export const oauthIdentitiesRepository = {
  async find(ex: Executor, provider: Provider, providerUserId: string): Promise<OAuthIdentityRow | undefined> {
    const [row] = await ex
      .select()
      .from(oauthIdentities)
      .where(and(eq(oauthIdentities.provider, provider), eq(oauthIdentities.providerUserId, providerUserId)))
      .limit(1);
    return row;
  },

  async findOfUser(ex: Executor, userId: string, provider: Provider): Promise<OAuthIdentityRow | undefined> {
    const [row] = await ex
      .select()
      .from(oauthIdentities)
      .where(and(eq(oauthIdentities.userId, userId), eq(oauthIdentities.provider, provider)))
      .limit(1);
    return row;
  },

  async insert(ex: Executor, values: typeof oauthIdentities.$inferInsert) {
    await ex.insert(oauthIdentities).values(values);
  },

  /** The provider's latest word on the address, refreshed at each sign-in. */
  async refresh(
    ex: Executor,
    provider: Provider,
    providerUserId: string,
    email: string | null,
    emailVerified: boolean,
  ) {
    await ex
      .update(oauthIdentities)
      .set({ email, emailVerified })
      .where(and(eq(oauthIdentities.provider, provider), eq(oauthIdentities.providerUserId, providerUserId)));
  },
};

export const oauthUsersRepository = {
  /** Nicknames are unique case-insensitively, deleted users included (their nickname is null). */
  async nicknameTaken(ex: Executor, nickname: string): Promise<boolean> {
    const [row] = await ex
      .select({ id: users.id })
      .from(users)
      .where(sql`lower(${users.nickname}) = lower(${nickname})`)
      .limit(1);
    return row !== undefined;
  },

  /** Any row holding the address blocks it (the unique index covers every row). */
  async emailTaken(ex: Executor, email: string): Promise<boolean> {
    const [row] = await ex.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1);
    return row !== undefined;
  },
};
