import type { Broadcast } from '../broadcast';

export type Role = 'user' | 'tutor' | 'admin';

/** Who is calling: resolved from the access token's session on every request. */
export interface Actor {
  userId: string;
  sessionId: string;
  roles: Role[];
}

/** Supplied by the accounts module: the live state of a session, or null when revoked/expired. */
export type SessionLookup = (sessionId: string) => Promise<Actor | null>;

const CHANNEL = 'dongne:sessions';
const MAX_ENTRIES = 50_000;

interface Entry {
  actor: Actor | null;
  expiresAt: number;
}

/**
 * Caches session state so authenticated requests cost no database round trip, while a revoked
 * session stops working on the very next request: revocation invalidates the entry here and,
 * through the broadcast, in every other API process.
 */
export class SessionCache {
  private readonly entries = new Map<string, Entry>();
  private readonly sessionsByUser = new Map<string, Set<string>>();

  constructor(
    private readonly lookup: SessionLookup,
    private readonly broadcast: Broadcast,
    private readonly ttlMs = 60_000,
  ) {
    broadcast.subscribe(CHANNEL, (message) => {
      const [kind, id] = message.split(':');
      if (kind === 'session' && id) this.dropSession(id);
      if (kind === 'user' && id) this.dropUser(id);
    });
  }

  async resolve(sessionId: string): Promise<Actor | null> {
    const now = Date.now();
    const cached = this.entries.get(sessionId);
    if (cached && cached.expiresAt > now) return cached.actor;
    const actor = await this.lookup(sessionId);
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(sessionId, { actor, expiresAt: now + this.ttlMs });
    if (actor) {
      const set = this.sessionsByUser.get(actor.userId) ?? new Set();
      set.add(sessionId);
      this.sessionsByUser.set(actor.userId, set);
    }
    return actor;
  }

  /** Call after a session is revoked (logout, reuse detected). */
  async invalidateSession(sessionId: string) {
    await this.broadcast.publish(CHANNEL, `session:${sessionId}`);
  }

  /** Call after anything about the user that an Actor carries changes (roles, deletion, password). */
  async invalidateUser(userId: string) {
    await this.broadcast.publish(CHANNEL, `user:${userId}`);
  }

  private dropSession(sessionId: string) {
    this.entries.delete(sessionId);
  }

  private dropUser(userId: string) {
    for (const sessionId of this.sessionsByUser.get(userId) ?? []) this.entries.delete(sessionId);
    this.sessionsByUser.delete(userId);
  }
}
