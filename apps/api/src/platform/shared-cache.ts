import type { Broadcast } from './broadcast';

export interface SharedCacheOptions {
  /** Safety net for an invalidation that never arrived (Redis down): entries live at most this long. */
  ttlMs: number;
  maxEntries: number;
  now?: () => number;
}

interface Entry<V> {
  value: V;
  expiresAt: number;
}

/**
 * A read-through cache in each API process whose keys are forgotten in every process at once:
 * `forget` goes through the broadcast (Redis pub/sub when configured).
 *
 * A load that started before a `forget` never stores its (possibly stale) result: each load
 * holds a ticket, and `forget` takes the ticket away.
 */
export class SharedCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private readonly loading = new Map<string, symbol>();
  private readonly channel: string;
  private readonly now: () => number;

  constructor(
    name: string,
    private readonly broadcast: Broadcast,
    private readonly options: SharedCacheOptions,
  ) {
    this.channel = `dongne:cache:${name}`;
    this.now = options.now ?? Date.now;
    broadcast.subscribe(this.channel, (key) => this.drop(key));
  }

  async get(key: string, load: () => Promise<V>): Promise<V> {
    const cached = this.entries.get(key);
    if (cached && cached.expiresAt > this.now()) return cached.value;
    const ticket = Symbol(key);
    this.loading.set(key, ticket);
    let value: V;
    try {
      value = await load();
    } catch (error) {
      if (this.loading.get(key) === ticket) this.loading.delete(key);
      throw error;
    }
    if (this.loading.get(key) === ticket) {
      this.loading.delete(key);
      // Map keeps insertion order: the first key is the oldest entry.
      if (this.entries.size >= this.options.maxEntries) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(key, { value, expiresAt: this.now() + this.options.ttlMs });
    }
    return value;
  }

  /** Call after the data behind `key` changed (after the transaction committed). */
  async forget(key: string): Promise<void> {
    this.drop(key);
    await this.broadcast.publish(this.channel, key);
  }

  get size() {
    return this.entries.size;
  }

  private drop(key: string) {
    this.entries.delete(key);
    this.loading.delete(key);
  }
}
